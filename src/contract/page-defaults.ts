import { parametersOf } from "../spec/document.js";
import { COST_EXPLORER, CURSOR_FAMILIES } from "./families.js";
import type { Exchange } from "./probe.js";
import { schemaOf } from "./spec-lists.js";

/** The spec's `default` of a query parameter of `template`, if it gives one. */
export function queryDefault(template: string, name: string): unknown {
  const param = parametersOf(template).find((p) => p.in === "query" && p.name === name);
  return param ? schemaOf(param).default : undefined;
}

/**
 * What page 1 of `template`, requested without `limit` (or `per_page` and `page`), got wrong
 * about the spec's defaults: a cursor family echoes the default `limit` and holds at most that
 * many items, exactly that many when `has_more`; Cost Explorer's `page_info` says the default
 * `per_page` and `page`. Nothing for other paths.
 */
export function defaultPageProblems(template: string, ex: Exchange): string[] {
  const out: string[] = [];
  if (template in CURSOR_FAMILIES) {
    const limit = queryDefault(template, "limit");
    const pagination = ex.body?.meta?.pagination;
    if (typeof limit !== "number" || !pagination) return out;
    const items = Array.isArray(ex.body?.data) ? ex.body.data.length : 0;
    if (pagination.limit !== limit) {
      out.push(
        `${ex.label}: meta.pagination.limit is ${pagination.limit}, expected the default ${limit}`,
      );
    }
    if (items > limit || (pagination.has_more === true && items !== limit)) {
      out.push(
        `${ex.label}: ${items} items on page 1 of the default page size ${limit} (has_more ${pagination.has_more})`,
      );
    }
  } else if (template === COST_EXPLORER) {
    const info = ex.body?.meta?.page_info;
    if (!info) return out;
    for (const name of ["per_page", "page"] as const) {
      const expected = queryDefault(template, name);
      if (expected !== undefined && info[name] !== expected) {
        out.push(
          `${ex.label}: page_info.${name} is ${info[name]}, expected the default ${expected}`,
        );
      }
    }
  }
  return out;
}
