import type { GetPath } from "../../index.js";
import { type ContractCheck, discoverIds } from "../context.js";
import { expectError, expectStatus, expectThat } from "../expect.js";
import { CURSOR_FAMILIES, noIdNote, pathParamsFor } from "../families.js";
import { goneSinceListed } from "../gone.js";

const OUT_OF_RANGE = ["0", "501", "-5", "abc"];

/** Check 1: `limit` bounds on every cursor-paginated family. */
export const limitBounds: ContractCheck = {
  id: "limit-bounds",
  title:
    "limit 0, 501, -5, abc is 400 BAD_REQUEST with details[0].field limit; 1 and 500 are accepted",
  async run({ probe, mode }) {
    for (const limit of OUT_OF_RANGE) {
      const ex = await probe.get("/v1/workloads", {
        params: { query: { limit: limit as unknown as number } },
      });
      expectError(probe, ex, { status: 400, code: "BAD_REQUEST", field: "limit" });
    }
    for (const limit of [1, 500, undefined]) {
      const ex = await probe.get("/v1/workloads", { params: { query: { limit } } });
      if (!expectStatus(probe, ex, 200) || mode === "mock") continue;
      const expected = limit ?? 100;
      const echoed = ex.body?.meta?.pagination?.limit;
      const items = Array.isArray(ex.body?.data) ? ex.body.data.length : 0;
      expectThat(
        probe,
        echoed === expected,
        `${ex.label}: meta.pagination.limit is ${echoed}, expected ${expected}`,
      );
      expectThat(
        probe,
        items <= expected,
        `${ex.label}: ${items} items on a page of limit ${expected}`,
      );
    }
    if (mode === "mock") {
      probe.note(
        "the echo of limit (and default 100) and the page size are live-only: Prism serves examples",
      );
    }

    // Every other family shares the bounds.
    const ids = await discoverIds(probe);
    for (const path of Object.keys(CURSOR_FAMILIES) as GetPath[]) {
      if (path === "/v1/workloads") continue;
      const filled = pathParamsFor(path, ids);
      if ("missing" in filled) {
        probe.note(noIdNote(path, filled.missing));
        continue;
      }
      for (const limit of [0, 501]) {
        const ex = await probe.get(path as "/v1/clusters", {
          params: { path: filled.params, query: { limit } } as never,
        });
        if (await goneSinceListed(probe, ex)) break;
        expectError(probe, ex, { status: 400, code: "BAD_REQUEST", field: "limit" });
      }
    }
    return undefined;
  },
};
