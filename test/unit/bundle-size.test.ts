// The main entry fits its size budget (the figure `npm run bench` reports, built the same way),
// and what the docs state about its size is this build's: the budget, the measured figure, and
// the bytes left to spare ("no byte" only while the bundle weighs exactly its budget).
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BundleSize,
  mainEntrySize,
  overBudget,
  SIZE_BUDGET_BYTES,
} from "../../scripts/bench/bundle-size.js";
import { factProblems, readDoc, type StatedFact } from "../helpers/doc-facts.js";

const CLIENT = "docs/guides/client.md";
const BENCHMARKS = "docs/guides/benchmarks.md";

/** The size facts of the docs, for a measured `size`. */
function sizeFacts(size: BundleSize, budget = SIZE_BUDGET_BYTES): StatedFact[] {
  return [
    {
      file: CLIENT,
      pattern: /(\d[\d ]*) B budget/g,
      expected: budget,
      source: "SIZE_BUDGET_BYTES",
    },
    {
      file: BENCHMARKS,
      pattern: /\| min\+gzip of the main entry[^|]*\| (\d[\d ]*) B \(/g,
      expected: size.gzip,
      source: "the main entry's min+gzip bytes",
    },
    {
      file: BENCHMARKS,
      pattern: /\| min\+gzip of the main entry[^|]*\|[^|]*\| <= [\d.]+ KB \((\d[\d ]*) B\)/g,
      expected: budget,
      source: "SIZE_BUDGET_BYTES",
    },
    {
      file: CLIENT,
      pattern: /has (no byte|\d+ B) to spare of its/g,
      expected: budget === size.gzip ? "no byte" : `${budget - size.gzip} B`,
      source: "the budget less the main entry's min+gzip bytes",
    },
  ];
}

/** Everything the docs get wrong about `size`, and a bundle over the budget. */
function sizeProblems(
  size: BundleSize,
  read: (file: string) => string = readDoc,
  budget = SIZE_BUDGET_BYTES,
): string[] {
  return [
    ...[overBudget(size, budget)].filter((problem) => problem !== undefined),
    ...factProblems(sizeFacts(size, budget), read),
  ];
}

let size: BundleSize;
beforeAll(async () => {
  size = await mainEntrySize();
}, 60_000);

describe("the main entry's size", () => {
  it("fits the budget, and the docs state this build's figures", () => {
    expect(size.gzip).toBeGreaterThan(1000);
    expect(sizeProblems(size)).toEqual([]);
  });

  it("notice a bundle over its budget, a stale figure and bytes to spare that no longer hold", () => {
    const over = { min: size.min, gzip: SIZE_BUDGET_BYTES + 8 };
    expect(sizeProblems(over)).toEqual([
      `the main entry is ${SIZE_BUDGET_BYTES + 8} B min+gzip, 8 B over its ${SIZE_BUDGET_BYTES} B budget`,
      expect.stringMatching(
        /^docs\/guides\/benchmarks\.md:\d+: says [\d ]+ where .* bytes is 9224$/,
      ),
      expect.stringMatching(/^docs\/guides\/client\.md:\d+: says \d+ B where .* is -8 B$/),
    ]);
    const smaller = { min: size.min, gzip: SIZE_BUDGET_BYTES - 100 };
    const budgetOf10k = (file: string) =>
      readDoc(file).replace(/9 216 B budget/, "10 240 B budget");
    expect(sizeProblems(smaller, budgetOf10k)).toEqual([
      expect.stringMatching(
        /^docs\/guides\/client\.md:\d+: says 10 240 where SIZE_BUDGET_BYTES is 9216$/,
      ),
      expect.stringMatching(/benchmarks\.md:\d+: says .* is 9116$/),
      expect.stringMatching(/^docs\/guides\/client\.md:\d+: says \d+ B where .* is 100 B$/),
    ]);
    // The wording of an exactly full budget, once the bundle has grown past it.
    const noByte = (file: string) =>
      readDoc(file).replace(/has \d+ B to spare/, "has no byte to spare");
    expect(sizeProblems(smaller, noByte)).toContainEqual(
      expect.stringMatching(/client\.md:\d+: says no byte where .* is 100 B$/),
    );
  });
});
