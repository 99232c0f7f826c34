// The `@example`s of the public symbols' JSDoc (published in the SDK reference) compile against
// the public surface, and those that are whole programs run against the fake and give what their
// `expr; // value` comments say. fakeContractHooks' example made its fake without a token, and
// so failed auth-tokens, long after contract.md's twin was fixed: no test read JSDoc.
import { beforeAll, describe, expect, it } from "vitest";
import {
  exampleProgram,
  type JsdocExample,
  publicJsdoc,
} from "../../scripts/docs/jsdoc-examples.js";
import { typecheckSnippets } from "../../scripts/docs/typecheck-snippets.js";
import { runnable, runSnippet } from "../helpers/snippet-runner.js";
import { instrument, statedProblems } from "../helpers/stated-values.js";

const { examples, exports } = publicJsdoc();
const programs = examples.map((example) => exampleProgram(example, exports));

/** What is wrong with the whole examples' runs: a throw, or a value other than the stated one. */
async function runProblems(list: readonly JsdocExample[]): Promise<string[]> {
  const problems: string[] = [];
  for (const example of list) {
    const program = exampleProgram(example, exports);
    if (!program.whole || !runnable(program)) continue;
    const { code, stated } = instrument(program.code);
    const run = await runSnippet(code);
    const where = `${example.file}:${example.line} (${example.symbol})`;
    if (run.error !== undefined) problems.push(`${where}: threw ${String(run.error)}`);
    const preamble = example.line - program.line + 1; // the helper line, then the imports
    problems.push(
      ...statedProblems(stated, run).map((p) =>
        p.replace(/^line (\d+)/, (_, n) => `${where} line ${example.line + Number(n) - preamble}`),
      ),
    );
  }
  return problems;
}

const hooks = examples.find((e) => e.symbol === "fakeContractHooks") as JsdocExample;
const typo: JsdocExample = {
  ...hooks,
  file: "fixture/typo.ts",
  code: hooks.code.replace("fake.baseUrl", "fake.baseURL"),
};
let errors: string[] = [];

// One compile of every example and the broken fixture: the SDK's sources are checked too.
beforeAll(() => {
  errors = typecheckSnippets([...programs, exampleProgram(typo, exports)]);
}, 120_000);

describe("the JSDoc @examples of the public entries", () => {
  it("are found on exports, members and entry comments", () => {
    const symbols = examples.map((e) => e.symbol);
    expect(symbols).toEqual(
      expect.arrayContaining(["fakeContractHooks", "Kubeadapt.paginate", "kubeadapt/money"]),
    );
    console.log(`${examples.length} examples, ${programs.filter((p) => p.whole).length} whole`);
    expect(examples.length).toBeGreaterThanOrEqual(20);
  });

  it("compile with the entries' imports (a typo fails at its line)", () => {
    const ours = errors.filter((e) => !e.startsWith("fixture/"));
    expect(ours).toEqual([]);
    const line = hooks.line + hooks.code.split("\n").findIndex((l) => l.includes("baseUrl"));
    expect(errors.filter((e) => e.startsWith("fixture/"))).toEqual([
      expect.stringMatching(new RegExp(`^fixture/typo\\.ts:${line}: .*'baseURL'`)),
    ]);
  });

  it("that are whole programs run against the fake and give the values they state", async () => {
    expect(programs.filter((p) => p.whole && runnable(p)).length).toBeGreaterThanOrEqual(10);
    expect(await runProblems(examples)).toEqual([]);
  });

  it("notice fakeContractHooks' old example (a fake without a token) and a wrong value", async () => {
    expect(hooks.code).toContain("report.failed; // 0");
    const old = {
      ...hooks,
      code: hooks.code.replace('createFakeKubeadapt({ token: "t" })', "createFakeKubeadapt()"),
    };
    const wrong = {
      ...hooks,
      symbol: "format",
      code: 'format({ amount: "0.0042", currency: "USD" }, "en-US"); // "$0.0042"',
    };
    const throwsNot = { ...wrong, symbol: "sum", code: 'sum([], "USD"); // throws MoneyError' };
    const broken = { ...wrong, symbol: "add", code: "add(c, c); // throws" };
    const object = {
      ...wrong,
      symbol: "subtract",
      code: 'subtract({ amount: "47", currency: "USD" }, { amount: "40.25", currency: "USD" });\n// { amount: "6.7600", ... }',
    };
    expect(await runProblems([old, wrong, throwsNot, broken, object])).toEqual([
      expect.stringMatching(
        /\(fakeContractHooks\) line \d+: report\.failed: gives 2, where it says 0$/,
      ),
      expect.stringMatching(/\(format\) line \d+: .* gives "\$0\.00", where it says "\$0\.0042"$/),
      expect.stringMatching(/\(sum\) line \d+: .* says it throws, but gives \[object Object\]$/),
      expect.stringMatching(
        /\(add\) line \d+: add\(c, c\): threw ReferenceError: c is not defined$/,
      ),
      expect.stringMatching(
        /\(subtract\) line \d+: .* gives \{"amount":"6\.7500","currency":"USD"\}, where it says \{ amount: "6\.7600", \.\.\. \}$/,
      ),
    ]);
  });
});
