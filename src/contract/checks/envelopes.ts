import { type ContractCheck, discoverIds } from "../context.js";
import { expectThat } from "../expect.js";
import {
  COST_EXPLORER,
  CURSOR_FAMILIES,
  noIdNote,
  pathParamsFor,
  UNPAGINATED,
} from "../families.js";
import { expectOk } from "../gone.js";
import { defaultPageProblems } from "../page-defaults.js";

/** Check 9a: which envelope each family uses, and the default page size of every paginated one. */
export const envelopes: ContractCheck = {
  id: "envelopes",
  title:
    "cursor lists carry meta.pagination; node groups, single resources and organization do not; Cost Explorer carries meta.page_info; with no limit (per_page, page) every paginated family uses the spec's default",
  async run({ probe, mode }) {
    const ids = await discoverIds(probe);
    const paths = [...Object.keys(CURSOR_FAMILIES), ...Object.keys(UNPAGINATED), COST_EXPLORER];
    for (const path of paths) {
      const filled = pathParamsFor(path, ids);
      if ("missing" in filled) {
        probe.note(noIdNote(path, filled.missing));
        continue;
      }
      const ex = await probe.get(
        path as "/v1/organization",
        {
          params: { path: filled.params },
        } as never,
      );
      if (!(await expectOk(probe, ex))) continue;
      // Each family is read without limit anyway: its page 1 shows its default page size, with
      // no request more. Prism serves examples, which show no default.
      if (mode === "live") for (const problem of defaultPageProblems(path, ex)) probe.fail(problem);
      const meta = ex.body?.meta ?? {};
      const isArray = Array.isArray(ex.body?.data);
      if (path in CURSOR_FAMILIES) {
        expectThat(
          probe,
          meta.pagination !== undefined,
          `${ex.label}: no meta.pagination on a cursor list`,
        );
        expectThat(probe, isArray, `${ex.label}: data is not an array`);
      } else if (path === COST_EXPLORER) {
        expectThat(probe, meta.page_info !== undefined, `${ex.label}: no meta.page_info`);
        expectThat(
          probe,
          meta.pagination === undefined,
          `${ex.label}: meta.pagination on Cost Explorer`,
        );
      } else {
        expectThat(
          probe,
          meta.pagination === undefined,
          `${ex.label}: meta.pagination on an unpaginated response`,
        );
        const expectArray = UNPAGINATED[path as keyof typeof UNPAGINATED];
        expectThat(
          probe,
          isArray === expectArray,
          `${ex.label}: data is ${isArray ? "an array" : "not an array"}, expected ${expectArray ? "the complete array" : "one object"}`,
        );
      }
      if (path !== COST_EXPLORER) {
        expectThat(
          probe,
          meta.page_info === undefined,
          `${ex.label}: meta.page_info outside Cost Explorer`,
        );
      }
    }
    return undefined;
  },
};
