import { isPaginationLimitError, type Paginator } from "../../index.js";
import { type ContractCheck, discoverIds } from "../context.js";
import { expectError, expectStatus, expectThat } from "../expect.js";
import { COST_EXPLORER, CURSOR_FAMILIES, pathParamsFor, UNPAGINATED } from "../families.js";
import { compareCodePoints, compareDecimal } from "../order.js";
import type { Exchange, Probe } from "../probe.js";

/** Check 9a: which envelope each family uses. */
export const envelopes: ContractCheck = {
  id: "envelopes",
  title:
    "cursor lists carry meta.pagination; node groups, single resources and organization do not; Cost Explorer carries meta.page_info",
  async run({ probe }) {
    const ids = await discoverIds(probe);
    const paths = [...Object.keys(CURSOR_FAMILIES), ...Object.keys(UNPAGINATED), COST_EXPLORER];
    for (const path of paths) {
      const filled = pathParamsFor(path, ids);
      if ("missing" in filled) {
        probe.note(`${path} not checked: no ${filled.missing} to use (its parent list is empty)`);
        continue;
      }
      const ex = await probe.get(
        path as "/v1/organization",
        {
          params: { path: filled.params },
        } as never,
      );
      if (!expectStatus(probe, ex, 200)) continue;
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

type Row = { group?: { key?: string }; cost?: { total?: { amount?: string } } };

function checkOffsetPages(
  probe: Probe,
  pages: Exchange[],
  perPage: number,
  complete: boolean,
): void {
  const keys = new Set<string>();
  let rows = 0;
  let total: number | undefined;
  let previous: Row | undefined;
  pages.forEach((ex, index) => {
    if (ex.status !== 200) return;
    const info = ex.body?.meta?.page_info;
    const data: Row[] = Array.isArray(ex.body?.data) ? ex.body.data : [];
    if (!info) {
      probe.fail(`${ex.label}: no meta.page_info`);
      return;
    }
    total ??= info.total_count;
    if (info.page !== index + 1)
      probe.fail(`${ex.label}: page_info.page is ${info.page}, expected ${index + 1}`);
    if (info.per_page !== perPage)
      probe.fail(`${ex.label}: page_info.per_page is ${info.per_page}, expected ${perPage}`);
    if (info.total_count !== total)
      probe.fail(`${ex.label}: total_count changed from ${total} to ${info.total_count}`);
    const pagesExpected = Math.ceil(info.total_count / perPage);
    if (info.total_pages !== pagesExpected) {
      probe.fail(
        `${ex.label}: total_pages is ${info.total_pages}, expected ceil(${info.total_count}/${perPage}) = ${pagesExpected}`,
      );
    }
    const expectedRows = Math.max(0, Math.min(perPage, info.total_count - index * perPage));
    if (data.length !== expectedRows)
      probe.fail(`${ex.label}: ${data.length} rows, expected ${expectedRows}`);
    for (const row of data) {
      rows++;
      const key = String(row.group?.key);
      if (keys.has(key)) probe.fail(`${ex.label}: group ${key} repeated`);
      keys.add(key);
      if (previous) {
        const order = compareDecimal(
          previous.cost?.total?.amount ?? "",
          row.cost?.total?.amount ?? "",
        );
        const tieBroken = order === 0 && compareCodePoints(String(previous.group?.key), key) < 0;
        if (Number.isNaN(order) || order < 0 || (order === 0 && !tieBroken)) {
          probe.fail(`${ex.label}: row ${key} is out of order (cost.total DESC, then group.key)`);
        }
      }
      previous = row;
    }
  });
  if (complete && total !== undefined && rows !== total) {
    probe.fail(`/v1/cost-explorer: total_count is ${total} but the pages held ${rows} rows`);
  }
}

type PaginateOffset = (path: string, init: object) => Paginator<unknown>;

/** Check 9b: Cost Explorer's offset pagination. */
export const costExplorer: ContractCheck = {
  id: "cost-explorer",
  title:
    "Cost Explorer pages by page/per_page: per_page 0 or 501 is 400 naming per_page; page_info is consistent",
  async run({ probe, mode, walkLimit, maxWalkPages }) {
    for (const perPage of [0, 501]) {
      const ex = await probe.get(COST_EXPLORER, { params: { query: { per_page: perPage } } });
      expectError(probe, ex, { status: 400, code: "BAD_REQUEST", field: "per_page" });
    }
    if (mode === "mock") {
      probe.note("page_info consistency and row order are live-only: Prism serves examples");
      return undefined;
    }
    const perPage = Math.max(1, Math.floor(walkLimit / 4));
    for (const group_by of [undefined, "namespace"] as const) {
      const start = probe.exchanges.length;
      let complete = false;
      try {
        const walk = (probe.ka.paginateOffset as unknown as PaginateOffset)(COST_EXPLORER, {
          params: { query: { per_page: perPage, group_by } },
          prefetch: 0,
          maxPages: maxWalkPages,
        });
        for await (const _ of walk.pages()) {
          // Checked from the raw responses below.
        }
        complete = true;
      } catch (error) {
        const e = error as Error;
        if (isPaginationLimitError(error))
          probe.note(`Cost Explorer walk capped at ${maxWalkPages} pages`);
        else probe.fail(`/v1/cost-explorer: the walk failed: ${e.name}: ${e.message}`);
      }
      checkOffsetPages(probe, probe.exchanges.slice(start), perPage, complete);
    }
    return undefined;
  },
};
