import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isKubeadaptError } from "../../src/errors.js";
import { createCursorWalk, createOffsetWalk, type FetchPage } from "../../src/paginate.js";
import {
  createPageServer,
  type Fault,
  makeItems,
  type StubItem,
  withFaults,
  withRetries,
} from "../helpers/page-server.js";

const TRANSIENT = ["RateLimitError", "ServerError", "ConnectionError", "TimeoutError"];

const fault = fc.constantFrom<Fault>(
  "none",
  "none",
  "none",
  "none",
  "429",
  "500",
  "503",
  "reset",
  "timeout",
  "lost",
);
const dataSet = fc.integer({ min: 0, max: 2000 });
// Small page sizes make long walks; large ones exercise the 500 cap.
const pageSize = fc.oneof(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 500 }));
const prefetch = fc.integer({ min: 0, max: 3 });
const schedule = fc.array(fault, { maxLength: 80 });

/**
 * Runs `walk` to the end, resuming from each surfaced error's position as a caller would.
 * Asserts every error is a transient one stamped with the items this attempt yielded.
 */
async function walkWithResumes(
  walk: (resume: {
    cursor?: string | undefined;
    page?: number | undefined;
  }) => AsyncIterable<unknown>,
  maxAttempts: number,
): Promise<string[]> {
  const seen: string[] = [];
  let resume: { cursor?: string | undefined; page?: number | undefined } = {};
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const before = seen.length;
    try {
      for await (const item of walk(resume)) seen.push((item as StubItem).id);
      return seen;
    } catch (error) {
      if (!isKubeadaptError(error)) throw error;
      expect(TRANSIENT).toContain(error.name);
      expect(error.itemsYielded).toBe(seen.length - before);
      resume = { cursor: error.cursor, page: error.page };
    }
  }
  throw new Error("the walk never finished");
}

describe("property: every item arrives exactly once, in order", () => {
  it("cursor walks through random faults, retried or resumed from the error's cursor", async () => {
    await fc.assert(
      fc.asyncProperty(dataSet, pageSize, prefetch, schedule, async (n, limit, ahead, faults) => {
        const items = makeItems(n);
        const server = createPageServer({ items });
        const fetchPage = withRetries(withFaults(server.fetchPage, faults), 2);
        const seen = await walkWithResumes(
          ({ cursor }) =>
            createCursorWalk(fetchPage, "/v1/workloads", {
              params: { query: { limit } },
              prefetch: ahead,
              cursor,
            }),
          faults.length + 2,
        );
        expect(seen).toEqual(items.map((i) => i.id));
        expect(server.pending()).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it("cursor walks through random cursor expiries, under onCursorExpired: restart", async () => {
    await fc.assert(
      fc.asyncProperty(
        dataSet,
        pageSize,
        prefetch,
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 3 }),
        async (n, limit, ahead, expireAt) => {
          const items = makeItems(n);
          const server = createPageServer({ items });
          let call = 0;
          const fetchPage: FetchPage = (path, init) => {
            if (expireAt.includes(call++)) server.expireCursors();
            return server.fetchPage(path, init);
          };
          const seen: string[] = [];
          for await (const item of createCursorWalk(fetchPage, "/v1/workloads", {
            params: { query: { limit } },
            prefetch: ahead,
            onCursorExpired: "restart",
          }))
            seen.push((item as StubItem).id);
          expect(seen).toEqual(items.map((i) => i.id));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("offset walks through random faults, retried or resumed from the error's page", async () => {
    await fc.assert(
      fc.asyncProperty(dataSet, pageSize, prefetch, schedule, async (n, perPage, ahead, faults) => {
        const items = makeItems(n);
        const server = createPageServer({ items, mode: "offset" });
        const fetchPage = withRetries(withFaults(server.fetchPage, faults), 2);
        const seen = await walkWithResumes(
          ({ page }) =>
            createOffsetWalk(fetchPage, "/v1/cost-explorer", {
              params: { query: { per_page: perPage, page } },
              prefetch: ahead,
            }),
          faults.length + 2,
        );
        expect(seen).toEqual(items.map((i) => i.id));
      }),
      { numRuns: 40 },
    );
  });

  it("toArray returns the first min(max, n) items with the fewest requests", async () => {
    await fc.assert(
      fc.asyncProperty(
        dataSet,
        pageSize,
        prefetch,
        fc.integer({ min: 1, max: 3000 }),
        async (n, limit, ahead, max) => {
          const items = makeItems(n);
          const server = createPageServer({ items });
          const top = await createCursorWalk(server.fetchPage, "/v1/workloads", {
            params: { query: { limit } },
            prefetch: ahead,
          }).toArray({ max });
          const want = Math.min(max, n);
          expect(top.map((i) => (i as StubItem).id)).toEqual(items.slice(0, want).map((i) => i.id));
          const size = Math.min(limit, max);
          expect(server.requests).toHaveLength(Math.max(1, Math.ceil(want / size)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
