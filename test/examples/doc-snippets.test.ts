// The docs' TypeScript blocks run, not only compile: each whole program that uses only the SDK's
// entries runs against the fake without throwing, and what a block says it prints, it prints.
// contract.md's "still 0 violations" compiled for months while its run failed a check.
import { describe, expect, it } from "vitest";
import { type CodeBlock, documentationBlocks } from "../../scripts/docs/code-blocks.js";
import { runnable, runSnippet, type SnippetRun } from "../helpers/snippet-runner.js";

/** A result a block states, checked on its run: undefined when it holds, else what differs. */
interface StatedResult {
  file: string;
  /** Text the block holds, which finds it (a reworded block must be re-tied). */
  holds: string;
  problem: (run: SnippetRun) => string | undefined;
}

const firstLog = (run: SnippetRun) => run.logs[0]?.[0];

const STATED: StatedResult[] = [
  {
    file: "docs/guides/contract.md",
    holds: "still 0 violations",
    problem: (run) =>
      firstLog(run) === 0 ? undefined : `report.failed is ${String(firstLog(run))}, not 0`,
  },
  {
    file: "docs/guides/contract-checks.md",
    holds: "runContract(",
    problem: (run) => (run.logs.length > 0 ? undefined : "printed nothing"),
  },
];

/** What is wrong with the docs' blocks: a stated result a block no longer holds, or a failure. */
async function snippetProblems(blocks: readonly CodeBlock[]): Promise<string[]> {
  const problems = STATED.filter(
    (stated) => !blocks.some((b) => b.file === stated.file && b.code.includes(stated.holds)),
  ).map((stated) => `${stated.file}: no block holds "${stated.holds}"`);
  for (const block of blocks.filter(runnable)) {
    const run = await runSnippet(block.code);
    const where = `${block.file}:${block.line}`;
    if (run.error !== undefined) problems.push(`${where}: threw ${String(run.error)}`);
    for (const stated of STATED) {
      if (stated.file !== block.file || !block.code.includes(stated.holds)) continue;
      const problem = stated.problem(run);
      if (problem) problems.push(`${where}: says "${stated.holds}", but ${problem}`);
    }
  }
  return problems;
}

describe("the docs' TypeScript blocks, run against the fake", () => {
  it("run without throwing, and print what they say they print", async () => {
    const blocks = documentationBlocks();
    const ran = blocks.filter(runnable);
    console.log(
      `${ran.length} of ${blocks.length} blocks run (the rest are fragments or need kubeadapt/node, files or vitest)`,
    );
    expect(ran.length).toBeGreaterThanOrEqual(20);
    expect(await snippetProblems(blocks)).toEqual([]);
  });

  it("notice contract.md's old block (a fake without a token fails auth-tokens) and one that throws", async () => {
    const block = documentationBlocks().find((b) => b.code.includes("still 0 violations"));
    const old = {
      ...(block as CodeBlock),
      // Only the check the missing token fails, to keep this case short.
      code: (block?.code ?? "")
        .replace(/\n\s*token: "test",/, "")
        .replace("rate: 0,", 'rate: 0, only: ["auth-tokens"],'),
    };
    const throwing = {
      ...old,
      code: 'import { sum } from "kubeadapt/money";\nthrow new TypeError(typeof sum);',
    };
    expect(await snippetProblems([old, throwing])).toEqual([
      'docs/guides/contract-checks.md: no block holds "runContract("',
      `${old.file}:${old.line}: says "still 0 violations", but report.failed is 1, not 0`,
      expect.stringMatching(new RegExp(`^${old.file}:${old.line}: threw .+`)),
    ]);
  });
});
