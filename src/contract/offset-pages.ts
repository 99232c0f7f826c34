import { compareCodePoints, compareDecimal } from "./order.js";
import type { Exchange } from "./probe.js";

type Row = {
  group?: { key?: string; dimension?: string };
  cost?: { total?: { amount?: string } };
};

/**
 * What the raw pages of one Cost Explorer walk (page size `perPage`) got wrong, one message
 * each: `page_info` inconsistent, a short or long page, a repeated group, rows out of order
 * (`cost.total` descending, then `group.key` by code point), a row grouped by another
 * dimension than `groupBy` (the one requested, or the default), and, for a `complete` walk, a
 * `total_count` other than the rows walked.
 */
export function offsetPageProblems(
  pages: Exchange[],
  perPage: number,
  complete: boolean,
  groupBy: string,
): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  let rows = 0;
  let total: number | undefined;
  let previous: Row | undefined;
  pages.forEach((ex, index) => {
    if (ex.status !== 200) return;
    const info = ex.body?.meta?.page_info;
    const data: Row[] = Array.isArray(ex.body?.data) ? ex.body.data : [];
    if (!info) {
      out.push(`${ex.label}: no meta.page_info`);
      return;
    }
    total ??= info.total_count;
    if (info.page !== index + 1) {
      out.push(`${ex.label}: page_info.page is ${info.page}, expected ${index + 1}`);
    }
    if (info.per_page !== perPage) {
      out.push(`${ex.label}: page_info.per_page is ${info.per_page}, expected ${perPage}`);
    }
    if (info.total_count !== total) {
      out.push(`${ex.label}: total_count changed from ${total} to ${info.total_count}`);
    }
    const pagesExpected = Math.ceil(info.total_count / perPage);
    if (info.total_pages !== pagesExpected) {
      out.push(
        `${ex.label}: total_pages is ${info.total_pages}, expected ceil(${info.total_count}/${perPage}) = ${pagesExpected}`,
      );
    }
    const expectedRows = Math.max(0, Math.min(perPage, info.total_count - index * perPage));
    if (data.length !== expectedRows) {
      out.push(`${ex.label}: ${data.length} rows, expected ${expectedRows}`);
    }
    const foreign = data.filter((row) => row.group?.dimension !== groupBy);
    if (foreign.length > 0) {
      out.push(
        `${ex.label}: ${foreign.length} of ${data.length} rows grouped by ${String(foreign[0]?.group?.dimension)}, expected group_by ${groupBy}`,
      );
    }
    for (const row of data) {
      rows++;
      const key = String(row.group?.key);
      if (keys.has(key)) out.push(`${ex.label}: group ${key} repeated`);
      keys.add(key);
      if (previous) {
        const order = compareDecimal(
          previous.cost?.total?.amount ?? "",
          row.cost?.total?.amount ?? "",
        );
        const tieBroken = order === 0 && compareCodePoints(String(previous.group?.key), key) < 0;
        if (Number.isNaN(order) || order < 0 || (order === 0 && !tieBroken)) {
          out.push(`${ex.label}: row ${key} is out of order (cost.total DESC, then group.key)`);
        }
      }
      previous = row;
    }
  });
  if (complete && total !== undefined && rows !== total) {
    out.push(`/v1/cost-explorer: total_count is ${total} but the pages held ${rows} rows`);
  }
  return out;
}
