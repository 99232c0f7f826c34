// A figure a guide quotes from the benchmarks page is that page's: pagination.md's prefetch
// speed-up said 0.55x while benchmarks.md's own run gave 434 ms against 817 ms (0.53x).
import { describe, expect, it } from "vitest";
import { factProblems, readDoc, type StatedFact } from "../helpers/doc-facts.js";

const PREFETCH_ROW = /`prefetch: 1` vs `0` \| (\d+) ms vs (\d+) ms =/;

/** pagination.md's prefetch ratio against the one benchmarks.md (as `read` gives it) measured. */
function prefetchFacts(read: (file: string) => string = readDoc): StatedFact[] {
  const [, one, zero] = PREFETCH_ROW.exec(read("docs/guides/benchmarks.md")) ?? [];
  return [
    {
      file: "docs/guides/pagination.md",
      pattern: /`prefetch: 1` takes\s+([\d.]+)x the time of one with `prefetch: 0`/g,
      expected: (Number(one) / Number(zero)).toFixed(2),
      source: "benchmarks.md's prefetch wall times",
    },
  ];
}

describe("figures the guides quote from the benchmarks page", () => {
  it("pagination.md's prefetch ratio is benchmarks.md's", () => {
    expect(PREFETCH_ROW.test(readDoc("docs/guides/benchmarks.md"))).toBe(true);
    expect(factProblems(prefetchFacts())).toEqual([]);
  });

  it("notice the old 0.55x", () => {
    const read = (file: string) => readDoc(file).replace("takes\n0.53x", "takes\n0.55x");
    expect(factProblems(prefetchFacts(read), read)).toEqual([
      expect.stringMatching(/pagination\.md:\d+: says 0\.55 where .* is 0\.53$/),
    ]);
  });
});
