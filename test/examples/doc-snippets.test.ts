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

/**
 * What a block's `console.log(…); // "value"` comments get wrong, in order, when the block
 * computes without the API (an amount from the API is an illustration, not a fact) and every
 * `console.log` line states its value. Intl's narrow and no-break spaces read as spaces.
 */
function commentedLogProblems(code: string, run: SnippetRun): string[] {
  const calls = code.split("\n").filter((line) => /^console\.log\(/.test(line));
  const stated = calls.map((line) => /\); \/\/ ("[^"]*")$/.exec(line)?.[1]);
  if (/createKubeadapt\(/.test(code) || calls.length === 0 || stated.includes(undefined)) return [];
  return stated.flatMap((value, index) => {
    const printed = String(run.logs[index]?.[0]).replace(/[\u00a0\u202f]/g, " ");
    const expected = JSON.parse(value as string) as string;
    return printed === expected ? [] : [`prints ${JSON.stringify(printed)} where it says ${value}`];
  });
}

/** What is wrong with the docs' blocks: a stated result a block no longer holds, or a failure. */
async function snippetProblems(blocks: readonly CodeBlock[]): Promise<string[]> {
  const problems = STATED.filter(
    (stated) => !blocks.some((b) => b.file === stated.file && b.code.includes(stated.holds)),
  ).map((stated) => `${stated.file}: no block holds "${stated.holds}"`);
  for (const block of blocks.filter(runnable)) {
    const run = await runSnippet(block.code);
    const where = `${block.file}:${block.line}`;
    if (run.error !== undefined) problems.push(`${where}: threw ${String(run.error)}`);
    problems.push(
      ...commentedLogProblems(block.code, run).map((problem) => `${where}: ${problem}`),
    );
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

  it("notice a commented value the block no longer prints", async () => {
    const code = [
      'import { format } from "kubeadapt/money";',
      'console.log(format({ amount: "1234.5000", currency: "EUR" }, "de-DE")); // "1.234,50 €"',
      'console.log(format({ amount: "0.0042", currency: "USD" }, "en-US")); // "$0.0042"',
    ].join("\n");
    const block = { file: "money.md", line: 1, code, fragment: false };
    expect(await snippetProblems([block])).toContain(
      'money.md:1: prints "$0.00" where it says "$0.0042"',
    );
    expect(await snippetProblems([block])).not.toContain(expect.stringContaining("1.234,50"));
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
