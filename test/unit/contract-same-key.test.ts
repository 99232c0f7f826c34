// A sort key that is missing or malformed cannot show an item moved: what a move would excuse
// (a repeat across pages, an item missing from a filtered walk) stays a violation.
import { describe, expect, it } from "vitest";
import { checkCursorPages } from "../../src/contract/cursor-pages.js";
import type { Exchange, Probe } from "../../src/contract/probe.js";
import { expectSameItems } from "../../src/contract/walk-compare.js";

const PATH = "/v1/workloads";
const KEY = "cost.current_run_rate_hourly";

/** A 200 page of `items` at limit 2, as the probe records it. */
function page(items: object[], next: string): Exchange {
  const url = new URL(`https://api.example.com${PATH}?limit=2`);
  const pagination = { limit: 2, has_more: next !== "", next_cursor: next };
  return {
    label: `GET ${url.pathname}${url.search}`,
    url,
    template: PATH,
    status: 200,
    headers: new Headers(),
    body: { data: items, meta: { request_id: "r", pagination } },
  };
}

const cost = (amount: string) => ({ current_run_rate_hourly: { amount, currency: "USD" } });

describe("checkCursorPages: an id met twice", () => {
  it("with its sort key moved between the pages: a note, no violation", () => {
    const found = checkCursorPages(
      PATH,
      [
        page(
          [
            { id: "a", cost: cost("9") },
            { id: "b", cost: cost("8") },
          ],
          "c1",
        ),
        page([{ id: "b", cost: cost("7") }], ""),
      ],
      2,
      KEY,
      true,
    );
    expect(found.moved).toEqual(new Set(["b"]));
    expect(found.fixed.filter((m) => /duplicate/.test(m))).toEqual([]);
  });

  it("without a sort key (missing on both pages): a duplicate, not a move", () => {
    const found = checkCursorPages(
      PATH,
      [page([{ id: "a", cost: cost("9") }, { id: "b" }], "c1"), page([{ id: "b" }], "")],
      2,
      KEY,
      true,
    );
    expect(found.moved.size).toBe(0);
    expect(found.notes.join("\n")).not.toMatch(/moved from/);
    expect(found.fixed).toContainEqual(expect.stringMatching(/^\/v1\/workloads: duplicate id b /));
  });
});

describe("expectSameItems: an item missing from a filtered walk", () => {
  /** Compares a walk holding only `a` with a list of `a` and `b`, `b` read again as `again`. */
  async function compare(before: object, again: object) {
    const violations: string[] = [];
    const notes: string[] = [];
    const probe = { fail: (m: string) => violations.push(m), note: (m: string) => notes.push(m) };
    const a = { id: "a", cost: cost("9") };
    await expectSameItems(
      probe as unknown as Probe,
      "the filtered walk",
      [a],
      {
        source: "the unfiltered list",
        items: [a, { id: "b", ...before }],
        reread: async () => ({ items: [a, { id: "b", ...again }], complete: true }) as never,
        key: KEY,
      },
      () => true,
    );
    return { violations, notes };
  }

  it("whose sort key moved between the reads: a note", async () => {
    const { violations, notes } = await compare({ cost: cost("8") }, { cost: cost("12") });
    expect(violations).toEqual([]);
    expect(notes.join("\n")).toMatch(/moved in the sort order/);
  });

  it("without a sort key in either read: a violation, not excused as moved", async () => {
    const { violations } = await compare({}, {});
    expect(violations).toEqual([
      "the filtered walk: 1 matching items of the unfiltered list are missing, e.g. b",
    ]);
  });
});

describe("checkCursorPages: a repeat whose key is unchanged as written", () => {
  it("is a duplicate, the message saying the documented order is by the written value", () => {
    // A server sorting on finer values than the four decimals it writes (0.12344 → 0.12336,
    // both "0.1234") could move an item across the position unseen: the spec orders by the
    // field as written, ties by id, so that is no excuse.
    const found = checkCursorPages(
      PATH,
      [
        page(
          [
            { id: "a", cost: cost("0.1235") },
            { id: "b", cost: cost("0.1234") },
          ],
          "c1",
        ),
        page([{ id: "b", cost: cost("0.1234") }], ""),
      ],
      2,
      KEY,
      true,
    );
    expect(found.fixed).toContainEqual(
      `${PATH}: duplicate id b on page 1 and page 2, its ${KEY} unchanged as written ({"amount":"0.1234","currency":"USD"}; the documented order is by that value, then id): a cursor marks a position, not an offset`,
    );
  });
});
