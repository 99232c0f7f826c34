// The CLI's summary lines and total labels that cli.md quotes in prose (not in a console block,
// so doc-commands never reruns them) are what the commands print on the demo API.
import { describe, expect, it } from "vitest";
import { runInProcess } from "../cli/run-cli.js";
import { readDoc } from "../helpers/doc-facts.js";
import { linePattern } from "../helpers/sample-lines.js";

const CLI = "docs/guides/cli.md";
const SUM = ["--sum", "cost.current_run_rate_hourly"];
const WALK = ["get", "/v1/workloads", "--demo"];

/** A fragment cli.md quotes, and the command (on the demo API) that prints it. */
interface Quoted {
  fragment: string;
  argv: string[] | ((cursor: string) => string[]);
}

const QUOTED: Quoted[] = [
  {
    fragment: "stopped at --max-items 20; more items follow",
    argv: [...WALK, "--all", "--max-items", "20"],
  },
  {
    fragment: "3000 items, 30 pages in 0.28 s; 15 written (--top 15)",
    argv: [...WALK, "--all", "--top", "15"],
  },
  {
    fragment: "TOTAL (all 3000)",
    argv: [...WALK, "--all", "--top", "15", "--format", "table", ...SUM],
  },
  { fragment: "PARTIAL TOTAL (first 100 of 3000)", argv: [...WALK, "--format", "table", ...SUM] },
  { fragment: "partial sum of …", argv: [...WALK, ...SUM] },
  {
    fragment: "PARTIAL TOTAL (2900 items from --query cursor on)",
    argv: (cursor) => [
      ...WALK,
      "--all",
      "--query",
      `cursor=${cursor}`,
      "--format",
      "table",
      ...SUM,
    ],
  },
];

/** The cursor of page 2, as a first page's stderr gives it. */
async function secondPageCursor(): Promise<string> {
  const { stderr } = await runInProcess(WALK);
  return /--query cursor=(\S+)/.exec(stderr)?.[1] ?? "";
}

/** What `doc` quotes that is not so: a fragment it no longer holds, or one no run prints. */
async function quotedProblems(doc: string, quoted: readonly Quoted[]): Promise<string[]> {
  const cursor = await secondPageCursor();
  const problems: string[] = [];
  for (const { fragment, argv } of quoted) {
    if (!doc.includes(`\`${fragment}\``)) {
      problems.push(`${CLI} no longer quotes \`${fragment}\``);
      continue;
    }
    const words = typeof argv === "function" ? argv(cursor) : argv;
    const run = await runInProcess(words);
    const lines = `${run.stdout}\n${run.stderr}`.split("\n");
    const pattern = linePattern(fragment, false);
    if (!lines.some((line) => pattern.test(line))) {
      problems.push(`kubeadapt ${words.join(" ")} prints no \`${fragment}\``);
    }
  }
  return problems;
}

describe("the CLI output cli.md quotes in prose", () => {
  it("is what the commands print on the demo API", async () => {
    expect(await quotedProblems(readDoc(CLI), QUOTED)).toEqual([]);
  });

  it("notice a quote the command no longer prints, and one the guide dropped", async () => {
    const stale = {
      fragment: "stopped at --max-items 20; more follow",
      argv: QUOTED[0]?.argv ?? [],
    };
    const doc = `${readDoc(CLI)}\n\`${stale.fragment}\``;
    expect(await quotedProblems(doc, [stale, { fragment: "gone", argv: [] }])).toEqual([
      "kubeadapt get /v1/workloads --demo --all --max-items 20 prints no `stopped at --max-items 20; more follow`",
      `${CLI} no longer quotes \`gone\``,
    ]);
  });
});
