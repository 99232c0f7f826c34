// The exit-code tables of README.md, the CLI guide and the contract guide are the CLI's own.
import { describe, expect, it } from "vitest";
import { CONTRACT_USAGE } from "../../src/cli/contract-args.js";
import { contractEnd } from "../../src/cli/contract-exit.js";
import { EXIT_CODES, EXIT_TABLE } from "../../src/cli/exit-codes.js";
import type { CheckResult, CutShort } from "../../src/contract/index.js";
import { incompleteReason, tally } from "../../src/contract/report.js";
import { allDocs, readDoc } from "../helpers/doc-facts.js";

/** The rows of the `| code | meaning |` table of `markdown`: code → meaning, as written. */
function docTable(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  let inTable = false;
  for (const line of markdown.split("\n")) {
    if (/^\| *code *\| *meaning *\|/.test(line)) inTable = true;
    else if (!line.startsWith("|")) inTable = false;
    const row = inTable && /^\| (\d+) \| (.+?) \|$/.exec(line);
    if (row) rows.set(row[1] as string, row[2] as string);
  }
  return rows;
}

/** The `Exit codes:` table that `--help` prints: code → meaning. */
function helpTable(help: string): Map<string, string> {
  return new Map(
    [...help.matchAll(/^ {2}(\d+) +(.+)$/gm)].map((m) => [m[1] as string, m[2] as string] as const),
  );
}

/** The codes of `kubeadapt contract --help`'s "Exit codes: 0 …, 1 …" sentence. */
function contractHelpCodes(help: string): string[] {
  const sentence = help.slice(help.indexOf("Exit codes:") + "Exit codes:".length).trimStart();
  return [...sentence.matchAll(/(?:^|,\s+)(\d+) /g)].map((m) => m[1] as string);
}

/**
 * What a doc's table gets wrong against the help's: a code missing or extra, or a meaning that
 * does not start as the help's does (backticks aside; a doc may add to it, as README does for
 * `contract`).
 */
function tableProblems(doc: Map<string, string>, help: Map<string, string>): string[] {
  const problems: string[] = [];
  if ([...doc.keys()].join() !== [...help.keys()].join()) {
    problems.push(`codes ${[...doc.keys()].join(", ")}, not ${[...help.keys()].join(", ")}`);
  }
  for (const [code, meaning] of help) {
    const stated = doc.get(code)?.replaceAll("`", "");
    if (stated !== undefined && !stated.startsWith(meaning)) {
      problems.push(`${code}: "${stated}", where --help says "${meaning}"`);
    }
  }
  return problems;
}

const HELP = helpTable(EXIT_TABLE);
const CONTRACT_GUIDE = "docs/guides/contract.md";

describe("exit codes in the docs", () => {
  it("--help lists exactly the codes the CLI returns", () => {
    expect([...HELP.keys()].map(Number)).toEqual(Object.values(EXIT_CODES));
    expect(contractHelpCodes(CONTRACT_USAGE).map(Number)).toEqual(Object.values(EXIT_CODES));
  });

  it("every doc's table (README, quick start, CLI guide) is --help's, meaning for meaning", () => {
    const tables = allDocs()
      .filter((file) => file !== CONTRACT_GUIDE)
      .map((file) => ({ file, table: docTable(readDoc(file)) }))
      .filter(({ table }) => table.size > 0);
    expect(tables.map(({ file }) => file)).toEqual(
      expect.arrayContaining(["README.md", "docs/guides/cli.md", "docs/guides/quick-start.md"]),
    );
    for (const { file, table } of tables) expect(tableProblems(table, HELP), file).toEqual([]);
  });

  it("the contract guide has the codes of kubeadapt contract --help", () => {
    const codes = [...docTable(readDoc(CONTRACT_GUIDE)).keys()];
    expect(codes).toEqual(contractHelpCodes(CONTRACT_USAGE));
  });

  it("notice a code that is gone, one that is new, and a meaning that changed", () => {
    const stale = [
      "| code | meaning |",
      "|---|---|",
      "| 0 | done |",
      "| 1 | the API answered with an error |",
      "| 2 | usage: a mistake in the command line (flags, path, `--query`), found before any request |",
      "| 5 | cannot connect |",
      "",
      "| 9 | not in the table |",
    ].join("\n");
    expect(docTable(stale).get("9")).toBeUndefined();
    expect(tableProblems(docTable(stale), HELP)).toEqual([
      "codes 0, 1, 2, 5, not 0, 1, 2, 3, 4, 130, 143",
      '1: "the API answered with an error", where --help says "the API answered with an error, or broke the protocol; or the output was not written"',
    ]);
    expect(
      contractHelpCodes("Exit codes: 0 passed, 1 a violation,\n2 usage, 3 untestable"),
    ).toEqual(["0", "1", "2", "3"]);
  });
});

describe("what each code means, as the code that returns it", () => {
  const skipped = (skippedBecause: string, cutShortBy?: CutShort): CheckResult => ({
    id: "filters",
    title: "filters",
    status: "skipped",
    violations: [],
    skippedBecause,
    ...(cutShortBy ? { cutShortBy } : {}),
    requests: 0,
    retries: 0,
    durationMs: 0,
  });
  // Every kind of incomplete run incompleteReason tells (a new CutShort fails to compile here),
  // with the words --help's row for its exit code must hold.
  const kinds: Record<CutShort | "out of scope", { check: CheckResult; words: string }> = {
    "request-budget": {
      check: skipped("the request budget of 40 is spent", "request-budget"),
      words: "request budget",
    },
    "time-limit": {
      check: skipped("the time limit of 5 s is spent", "time-limit"),
      words: "time limit",
    },
    interrupted: { check: skipped("the run was interrupted", "interrupted"), words: "interrupted" },
    "out of scope": {
      check: skipped("the token lacks the scope for /v1/teams: GET /v1/teams → 403 FORBIDDEN"),
      words: "the token lacks some families' scope",
    },
  };

  for (const [kind, { check, words }] of Object.entries(kinds)) {
    it(`a run incomplete for ${kind}: --help's row for its exit code names it`, () => {
      const checks = [check];
      const report = {
        mode: "live" as const,
        baseUrl: "https://api.test",
        checks,
        ...tally(checks),
        requests: 1,
        retries: 0,
        durationMs: 1,
        cursors: [],
      };
      expect(incompleteReason(report)).toBeDefined();
      const aborted = check.cutShortBy === "interrupted";
      const { code } = contractEnd(report, { aborted, allowIncomplete: false });
      expect(HELP.get(String(code))).toContain(words);
    });
  }
});
