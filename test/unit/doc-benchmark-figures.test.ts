// A figure a guide quotes from the benchmarks page is that page's: pagination.md's prefetch
// speed-up said 0.55x while benchmarks.md's own run gave 434 ms against 817 ms (0.53x).
import { describe, expect, it } from "vitest";
import { hashSources, sdkSourceHash } from "../../scripts/lib/sdk-hash.js";
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

/** A range cell of the peer page's first table ("1.18x-1.30x", "**0.62x-0.65x**", "1.06x"). */
const rangeOf = (cell: string | undefined): [number, number] => {
  const [low, high = low] = (cell ?? "").match(/[\d.]+(?=x)/g)?.map(Number) ?? [];
  return [low ?? Number.NaN, high ?? Number.NaN];
};

/**
 * What the peer page's Results table (as `read` gives it) allows the Node transport's saving to
 * be, as the fraction of the global fetch's CPU it saves: [least, most] over the runs' ranges.
 */
function transportSaving(read: (file: string) => string = readDoc): [number, number] {
  const page = read("docs/guides/benchmarks-peers.md");
  const results = page.slice(page.indexOf("## Results"));
  const rows = results.slice(0, results.indexOf("\n\n", results.indexOf("| variant")));
  const httpColumn = (label: RegExp) =>
    rangeOf(
      rows
        .split("\n")
        .find((line) => label.test(line))
        ?.split("|")[3],
    );
  const [globalLow, globalHigh] = httpColumn(/kubeadapt [\d.]+, global `fetch`/);
  const [nodeLow, nodeHigh] = httpColumn(/kubeadapt [\d.]+, `fetch: nodeTransport\(\)`/);
  return [1 - nodeHigh / globalLow, 1 - nodeLow / globalHigh];
}

/** Where the docs say "about half the CPU" and the peer page's "N%-M% less" disagree with it. */
function savingProblems(read: (file: string) => string = readDoc): string[] {
  const [least, most] = transportSaving(read);
  const problems: string[] = [];
  if (!(least >= 0.4 && most <= 0.6)) {
    problems.push(
      `the table gives a saving of ${least.toFixed(2)}-${most.toFixed(2)}, not about half`,
    );
  }
  for (const file of ["README.md", "docs/guides/quick-start.md", "docs/guides/node-transport.md"]) {
    if (!/about half the CPU per page/.test(read(file))) problems.push(`${file}: no "about half"`);
  }
  const [, from, to] =
    /costs (\d+)%-(\d+)% less CPU per page/.exec(read("docs/guides/benchmarks-peers.md")) ?? [];
  if (!(Number(from) / 100 >= least - 0.005 && Number(to) / 100 <= most + 0.005)) {
    problems.push(`benchmarks-peers.md says ${from}%-${to}% less, outside its table's range`);
  }
  return problems;
}

describe("the Node transport's saving the docs state is the peer page's", () => {
  it('"about half the CPU" and the page\'s own percentages follow its Results table', () => {
    expect(transportSaving().every(Number.isFinite)).toBe(true);
    expect(savingProblems()).toEqual([]);
  });

  it("notice a table that no longer shows half, and percentages the table does not give", () => {
    const slower = (file: string) =>
      readDoc(file).replace(/\*\*0\.\d+x-0\.\d+x\*\*/, "**0.90x-0.95x**");
    expect(savingProblems(slower)).toEqual([
      expect.stringMatching(/not about half$/),
      expect.stringMatching(/outside its table's range$/),
    ]);
    const overstated = (file: string) =>
      readDoc(file).replace(/costs \d+%-\d+% less/, "costs 40%-60% less");
    expect(savingProblems(overstated)).toEqual([expect.stringMatching(/says 40%-60% less/)]);
  });
});

const EARLIER = "(measured on an earlier SDK)";

/**
 * What the peer page says wrongly about which SDK it measured: it must state the hash of the SDK
 * sources its run printed, and say its figures were measured on an earlier SDK exactly when
 * that hash is not the checkout's (`current`). Its headlines rested on a commit 8 SDK files ago.
 */
function measuredSdkProblems(page: string, current: string): string[] {
  const stated = /SDK sources hash `([0-9a-f]{12})`/.exec(page)?.[1];
  if (!stated) return ["the page states no SDK sources hash"];
  const says = page.replace(/\s+/g, " ").includes(EARLIER);
  if (stated !== current && !says) {
    return [
      `the SDK is ${current} now, not the measured ${stated}, and the page does not say ${EARLIER}`,
    ];
  }
  if (stated === current && says) return [`the page says ${EARLIER}, but it measured this one`];
  return [];
}

describe("the peer benchmark page's SDK", () => {
  const page = readDoc("docs/guides/benchmarks-peers.md");

  it("is the one measured, or the page says its figures are an earlier SDK's", () => {
    expect(measuredSdkProblems(page, sdkSourceHash())).toEqual([]);
  });

  it("hashes the SDK's sources only: not the CLI's, the contract suite's or the fake's", () => {
    const sdk = new Map([
      ["src/client.ts", "a"],
      ["src/walk/query.ts", "b"],
    ]);
    const hash = hashSources(sdk);
    expect(hashSources(new Map([...sdk].reverse()))).toBe(hash);
    expect(
      hashSources(new Map([...sdk, ["src/cli/main.ts", "c"], ["src/testing/x.ts", "d"]])),
    ).toBe(hash);
    expect(hashSources(new Map([...sdk, ["src/walk/query.ts", "b2"]]))).not.toBe(hash);
  });

  it("notice an SDK changed since the run on a page that does not say so, and the reverse", () => {
    // Both pages made from this one, whichever SDK it measured.
    const stated = /SDK sources hash `([0-9a-f]{12})`/.exec(page)?.[1] as string;
    const silent = page.replace(/\(measured on\s+an\s+earlier\s+SDK\)/g, "");
    const saying = `${silent}\nThese figures were ${EARLIER}.`;
    expect(measuredSdkProblems(silent, "0123456789ab")).toEqual([
      `the SDK is 0123456789ab now, not the measured ${stated}, and the page does not say ${EARLIER}`,
    ]);
    expect(measuredSdkProblems(saying, "0123456789ab")).toEqual([]);
    expect(measuredSdkProblems(saying, stated)).toEqual([
      `the page says ${EARLIER}, but it measured this one`,
    ]);
    expect(measuredSdkProblems(silent, stated)).toEqual([]);
    expect(measuredSdkProblems("no hash", stated)).toEqual(["the page states no SDK sources hash"]);
  });
});
