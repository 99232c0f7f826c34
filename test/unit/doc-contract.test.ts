// What the contract guides state is the suite's: sample reports (text and JSON) it would print,
// with its checks' ids and titles and counts that add up; and the values they state in prose
// (defaults, retries, body cap, generated values, the mutants that prove the checks).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contractEnd } from "../../src/cli/contract-exit.js";
import { MAX_PARAMETER_CASES } from "../../src/contract/checks/parameter-values.js";
import {
  type CheckResult,
  type ContractReport,
  contractChecks,
  formatHeading,
  formatResult,
  formatSummary,
  incompleteReason,
  toJsonReport,
} from "../../src/contract/index.js";
import { badValues } from "../../src/contract/param-values.js";
import {
  BACKOFF_MS,
  MAX_BODY_BYTES as CONTRACT_MAX_BODY,
  SESSION_DEFAULTS,
} from "../../src/contract/session.js";
import { CONTROL_PARAMS } from "../../src/contract/spec-lists.js";
import { factProblems, readDoc, type StatedFact } from "../helpers/doc-facts.js";
import { CE_MUTANTS } from "../helpers/mutants-cost-explorer.js";
import { COVERAGE_MUTANTS } from "../helpers/mutants-coverage.js";
import { EXAMPLE_MUTANTS } from "../helpers/mutants-examples.js";
import { IDENTITY_MUTANTS } from "../helpers/mutants-identity.js";
import { PAGING_MUTANTS } from "../helpers/mutants-paging.js";
import { REQUEST_MUTANTS } from "../helpers/mutants-requests.js";
import { RESPONSE_MUTANTS } from "../helpers/mutants-responses.js";
import { VALUE_MUTANTS } from "../helpers/mutants-values.js";

const STATUSES = ["passed", "failed", "skipped", "error"] as const;
type Status = (typeof STATUSES)[number];

const result = (fields: Partial<CheckResult> = {}): CheckResult => ({
  id: "x",
  title: "x",
  status: "passed",
  violations: [],
  requests: 0,
  retries: 0,
  durationMs: 0,
  ...fields,
});
const report = (fields: Partial<ContractReport> = {}): ContractReport => ({
  mode: "live",
  baseUrl: "https://api.test",
  checks: [],
  passed: 0,
  failed: 0,
  skipped: 0,
  errors: 0,
  incomplete: 0,
  requests: 0,
  retries: 0,
  durationMs: 0,
  cursors: [],
  ...fields,
});
/** The mark formatResult prints for each status (✓, ✗, …). */
const MARKS = new Map(STATUSES.map((status) => [formatResult(result({ status }))[0], status]));
const titleOf = (id: string) => contractChecks.find((check) => check.id === id)?.title;
const ms = (seconds: string) => Math.round(Number(seconds) * 1000);

/** The body of every fenced block of `markdown` in language `lang`. */
function fenced(markdown: string, lang: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``, "gm"))].map(
    (m) => m[1] as string,
  );
}

/** The count by status of a report, and whether they add up to the suite's checks. */
function countProblem(counts: Record<"passed" | "failed" | "skipped" | "errors", number>) {
  const total = counts.passed + counts.failed + counts.skipped + counts.errors;
  return total === contractChecks.length
    ? []
    : [`counts add up to ${total}, the suite has ${contractChecks.length} checks`];
}

/**
 * What a sample text report gets wrong: each line the suite would print otherwise (its heading,
 * a check's line with that check's title, the summary), and counts that do not add up.
 */
function textReportProblems(sample: string): string[] {
  const problems: string[] = [];
  for (const line of sample.split("\n")) {
    const heading = /^Kubeadapt \/v1 contract, (live|mock) mode, against (\S+)$/.exec(line);
    const check = /^(\S) ([\w-]+): .+ \(([\d.]+) s, (\d+) requests?(?:, (\d+) retried)?\)$/.exec(
      line,
    );
    const summary =
      /^(\d+) passed, (\d+) failed, (\d+) skipped, (\d+) errors?; (\d+) requests? \((\d+) retried\) in ([\d.]+) s$/.exec(
        line,
      );
    let printed: string | undefined;
    if (heading) {
      printed = formatHeading({ mode: heading[1] as "live", baseUrl: heading[2] as string });
    } else if (check) {
      const [, mark, id, seconds, requests, retries] = check as unknown as string[];
      const title = titleOf(id as string);
      if (title === undefined) problems.push(`${id}: no such check`);
      printed = formatResult(
        result({
          id,
          title,
          status: MARKS.get(mark) as Status,
          durationMs: ms(seconds as string),
          requests: Number(requests),
          retries: Number(retries ?? 0),
        }),
      );
    } else if (summary) {
      const [passed, failed, skipped, errors, requests, retries] = summary.slice(1, 7).map(Number);
      const counts = { passed, failed, skipped, errors } as Record<string, number>;
      problems.push(...countProblem(counts as Parameters<typeof countProblem>[0]));
      printed = formatSummary(
        report({ ...counts, requests, retries, durationMs: ms(summary[7] as string) }),
      );
    }
    if (printed !== undefined && printed !== line) problems.push(`"${line}": prints "${printed}"`);
  }
  return problems;
}

/**
 * What a sample JSON report gets wrong: a field the report does not have (or lacks), a check
 * that is not the suite's or whose title is not its own (a title may end in "…"), counts that
 * do not add up.
 */
function jsonReportProblems(sample: string): string[] {
  const json = JSON.parse(sample);
  const real = JSON.parse(toJsonReport(report({ checks: [result()] })));
  const problems: string[] = [];
  const keys = (value: object) => Object.keys(value).sort().join(", ");
  if (keys(json) !== keys(real)) problems.push(`fields ${keys(json)}, not ${keys(real)}`);
  if (json.version !== real.version) problems.push(`version ${json.version}, not ${real.version}`);
  for (const check of json.checks as CheckResult[]) {
    if (keys(check) !== keys(real.checks[0])) problems.push(`${check.id}: fields ${keys(check)}`);
    const title = check.title.replace(/ …$/, "");
    if (!titleOf(check.id)?.startsWith(title)) problems.push(`${check.id}: title "${check.title}"`);
    if (!STATUSES.includes(check.status)) problems.push(`${check.id}: status ${check.status}`);
  }
  return [...problems, ...countProblem(json)];
}

const spec = JSON.parse(
  readFileSync(new URL("../../generated/openapi.json", import.meta.url), "utf8"),
) as { paths: Record<string, { get?: unknown }> };

const MUTANTS =
  REQUEST_MUTANTS.length +
  RESPONSE_MUTANTS.length +
  EXAMPLE_MUTANTS.length +
  COVERAGE_MUTANTS.length +
  PAGING_MUTANTS.length +
  VALUE_MUTANTS.length +
  CE_MUTANTS.length +
  IDENTITY_MUTANTS.length;
const MIB = 2 ** 20;
const CONTRACT = "docs/guides/contract.md";
/** The contract suite's waits before its retries: "0.5 s, 1 s, 2 s". */
const CONTRACT_BACKOFFS = Array.from(
  { length: SESSION_DEFAULTS.maxRetries },
  (_, retry) => `${(BACKOFF_MS * 2 ** retry) / 1000} s`,
).join(", ");
const contractDefault = (
  file: string,
  pattern: RegExp,
  option: keyof typeof SESSION_DEFAULTS,
): StatedFact => ({ file, pattern, expected: SESSION_DEFAULTS[option], source: option });

/** The literal values the parameter-values check sends to break a query parameter of `schema`. */
function brokenLiterals(schema: object, except: readonly string[] = []): string {
  const values = badValues({ name: "p", in: "query", schema } as Parameters<typeof badValues>[0]);
  const literals = values.map(({ value }) => value).filter((v) => v !== "" && !except.includes(v));
  return literals.map((value) => `\`${value}\``).join(", ");
}
const INTEGER = { type: "integer", minimum: 1, maximum: 500 };

const FACTS: StatedFact[] = [
  contractDefault(CONTRACT, /At\s+most (\d+) retries per request/g, "maxRetries"),
  contractDefault(CONTRACT, /longer than (\d+) s ends the check/g, "maxRetryAfterSeconds"),
  contractDefault(CONTRACT, /`--rate N` \|[^|]*\(default (\d+)/g, "rate"),
  contractDefault(CONTRACT, /requests per second \(default (\d+)/g, "rate"),
  contractDefault(CONTRACT, /`--timeout N` \|[^|]*\(default (\d+)\)/g, "timeoutSeconds"),
  contractDefault(CONTRACT, /`--timeout` seconds \(default (\d+)\)/g, "timeoutSeconds"),
  contractDefault(CONTRACT, /no complete response within (\d+) s/g, "timeoutSeconds"),
  contractDefault("src/cli/contract-args.ts", /--rate N .*\(default (\d+)/g, "rate"),
  contractDefault("src/cli/contract-args.ts", /--timeout N .*\(default (\d+)\)/g, "timeoutSeconds"),
  {
    file: CONTRACT,
    pattern: /connection is retried after ([\d.]+ s(?:, [\d.]+ s)*)/g,
    expected: CONTRACT_BACKOFFS,
    source: "BACKOFF_MS doubled for each of maxRetries",
  },
  {
    file: "docs/guides/contract.md",
    pattern: /read whole, up to (\d+) MiB/g,
    expected: CONTRACT_MAX_BODY / MIB,
    source: "the contract session's MAX_BODY_BYTES in MiB",
  },
  {
    file: "docs/guides/contract-checks.md",
    pattern: /At most (\d+) requests\s+\(`MAX_PARAMETER_CASES`\)/g,
    expected: MAX_PARAMETER_CASES,
    source: "MAX_PARAMETER_CASES",
  },
  {
    file: "docs/guides/contract-checks.md",
    pattern: /not a control parameter \(([^)]+)\)/g,
    expected: [...CONTROL_PARAMS].map((name) => `\`${name}\``).join(", "),
    source: "CONTROL_PARAMS",
  },
  {
    file: "docs/guides/contract-checks.md",
    pattern:
      /integers get (`[^`]+`(?:,\s+`[^`]+`)*), minimum - 1, maximum \+ 1 and the empty value/g,
    // The bounds minus and plus one are stated as such, not as numbers.
    expected: brokenLiterals(INTEGER, ["0", "501"]),
    source: "badValues of an integer",
  },
  {
    file: "docs/guides/contract-checks.md",
    pattern: /booleans (`[^`]+`(?:, `[^`]+`)*) and empty/g,
    expected: brokenLiterals({ type: "boolean" }),
    source: "badValues of a boolean",
  },
  {
    file: "docs/guides/contract-checks.md",
    pattern: /on every path of the spec \(one GET each, about (\d+)/g,
    expected: Object.values(spec.paths).filter((item) => item.get).length,
    source: "the spec's GET paths",
  },
  {
    file: "docs/guides/contract-checks.md",
    pattern: /against (\d+) realistic server bugs/g,
    expected: MUTANTS,
    source: "the mutants in test/helpers/mutants-*.ts",
  },
];

describe("the values the contract guides state", () => {
  it("are the suite's", () => {
    expect(factProblems(FACTS)).toEqual([]);
  });
});

/**
 * What the sample reports' request totals get wrong against the guide's own "about N requests"
 * of a full run (which test/contract ties to a real run): a total more than 20% off it. A live
 * run skips three checks, so its total sits below the demo's.
 */
function sampleTotalProblems(guide: string): string[] {
  const about = Number(/sends about ([\d,]+) requests/.exec(guide)?.[1]?.replace(/,/g, ""));
  const totals = [
    ...guide.matchAll(/errors?; (\d+) requests? \(/g),
    ...guide.matchAll(/"requests": (\d+), "retries"/g),
  ].map((match) => Number(match[1]));
  if (!(about > 0) || totals.length === 0) return ["no full-run figure or no sample total"];
  return totals
    .filter((total) => Math.abs(total - about) > 0.2 * about)
    .map((total) => `a sample total of ${total} requests, where a full run sends about ${about}`);
}

describe("the contract guide's sample reports", () => {
  const guide = readDoc("docs/guides/contract.md");
  const text = fenced(guide, "text").find((block) => block.startsWith("Kubeadapt /v1 contract"));
  const json = fenced(guide, "json").find((block) => block.includes('"version"'));

  it("the text report has the suite's lines, titles and a summary that adds up", () => {
    expect(text?.split("\n").length).toBeGreaterThanOrEqual(6);
    expect(textReportProblems(text ?? "")).toEqual([]);
  });

  it("the JSON report has the report's fields, the checks' titles and counts that add up", () => {
    expect(jsonReportProblems(json ?? "{}")).toEqual([]);
  });

  it("state request totals near the guide's figure for a full run", () => {
    expect(sampleTotalProblems(guide)).toEqual([]);
  });

  it("notice a sample total left behind by a corrected full-run figure (1275 against 1,600)", () => {
    const stale = guide.replace(/errors; \d+ requests/, "errors; 1275 requests");
    expect(sampleTotalProblems(stale)).toEqual([
      "a sample total of 1275 requests, where a full run sends about 1600",
    ]);
  });

  it("notice a title that changed, an unknown check, a reformatted line and counts that do not add up", () => {
    const n = contractChecks.length;
    const stale = [
      "Kubeadapt /v1 contract, live mode, against https://api.test",
      "",
      "✓ invalid-cursor: a modified cursor is 400 BAD_CURSOR (0.41 s, 4 requests)",
      "✓ cursor-gone: a cursor is gone (0.41 s, 1 request)",
      "    skipped: the reason",
      `${n} passed, 1 failed, 0 skipped, 0 errors; 10 requests (0 retried) in 1.00 s`,
    ].join("\n");
    expect(textReportProblems(stale)).toEqual([
      '"✓ invalid-cursor: a modified cursor is 400 BAD_CURSOR (0.41 s, 4 requests)": prints "✓ invalid-cursor: a modified cursor is 400 INVALID_CURSOR (0.41 s, 4 requests)"',
      "cursor-gone: no such check",
      '"✓ cursor-gone: a cursor is gone (0.41 s, 1 request)": prints "✓ cursor-gone: undefined (0.41 s, 1 request)"',
      `counts add up to ${n + 1}, the suite has ${n} checks`,
    ]);
    const staleJson = JSON.parse(json ?? "{}");
    staleJson.checks[0].title = "limit 0 is 422 …";
    delete staleJson.retries;
    expect(jsonReportProblems(JSON.stringify(staleJson))).toEqual([
      expect.stringMatching(/^fields baseUrl, .*, not baseUrl, .*retries/),
      'limit-bounds: title "limit 0 is 422 …"',
    ]);
  });
});

/**
 * What the vitest example gets wrong about time, given the guide's full run (`requests` at the
 * default rate): a run limit under twice what the guide says a run takes, or a hook that vitest
 * would end before the run does (its limit plus one request's timeout).
 */
function exampleTimeProblems(example: string, requests: number): string[] {
  const limit = Number(
    /const MAX_DURATION_SECONDS = ([\d_]+);/.exec(example)?.[1]?.replace(/_/g, ""),
  );
  const extra = Number(/\(MAX_DURATION_SECONDS \+ (\d+)\) \* 1000,?\s*\);/.exec(example)?.[1]);
  const problems: string[] = [];
  if (!/maxDurationSeconds: MAX_DURATION_SECONDS/.test(example)) {
    problems.push("the run is not given maxDurationSeconds: MAX_DURATION_SECONDS");
  }
  if (!/expect\(result\?\.cutShortBy/.test(example)) problems.push("a check cut short passes");
  const needed = (2 * requests) / SESSION_DEFAULTS.rate;
  if (!(limit >= needed)) problems.push(`MAX_DURATION_SECONDS ${limit}, under ${needed} s`);
  if (!(extra >= 2 * SESSION_DEFAULTS.timeoutSeconds)) {
    problems.push(`the hook's time limit is MAX_DURATION_SECONDS + ${extra} s`);
  }
  return problems;
}

describe("examples/contract.test.ts against a deployment", () => {
  const requests = Number(
    /A full run against the demo data set sends about ([\d,]+) requests/
      .exec(readDoc(CONTRACT))?.[1]
      ?.replace(/,/g, ""),
  );

  it("gives the run twice the time the guide says it takes, and vitest's hook time to let it end", () => {
    expect(requests).toBeGreaterThan(0);
    expect(exampleTimeProblems(readDoc("examples/contract.test.ts"), requests)).toEqual([]);
  });

  it("notice a time limit under the run's length (the two-minute hook of old)", () => {
    const old = "beforeAll(async () => {\n  report = await runContract({});\n}, 120_000);";
    expect(exampleTimeProblems(old, 1300)).toEqual([
      "the run is not given maxDurationSeconds: MAX_DURATION_SECONDS",
      "a check cut short passes",
      "MAX_DURATION_SECONDS NaN, under 260 s",
      "the hook's time limit is MAX_DURATION_SECONDS + NaN s",
    ]);
  });
});

/** Reports that end differently: a violation, an untestable target, an error, a cut-short run. */
const ENDINGS: ContractReport[] = [
  report({ passed: 1 }),
  report({ failed: 1 }),
  report({ failed: 1, incomplete: 1, skipped: 1 }),
  report({ untestable: "cannot reach https://api.test" }),
  report({ errors: 1 }),
  report({
    incomplete: 1,
    skipped: 1,
    checks: [result({ status: "skipped", cutShortBy: "time-limit" })],
  }),
  // A token without a family's scope: its checks skipped, nothing cut short (`incomplete` 0).
  report({
    skipped: 1,
    checks: [
      result({
        status: "skipped",
        skippedBecause:
          "the token lacks the scope for /v1/teams: GET /v1/teams → 403 FORBIDDEN; /v1/teams not verified",
      }),
    ],
  }),
];

/**
 * What the `process.exitCode = …` lines of the contract guides' snippets get wrong: for each
 * report of {@link ENDINGS}, the code they set where `kubeadapt contract` exits otherwise.
 */
function exitCodeProblems(markdown: string): string[] {
  const lines = fenced(markdown, "ts").flatMap((block) =>
    [...block.matchAll(/process\.exitCode =\s*([^;]+);/g)].map((m) => m[1] as string),
  );
  return lines.flatMap((expression) => {
    const exitCode = new Function("report", "incompleteReason", `return (${expression});`);
    return ENDINGS.flatMap((ending) => {
      const want = contractEnd(ending, { aborted: false, allowIncomplete: false }).code;
      const got = exitCode(ending, incompleteReason);
      return got === want
        ? []
        : [`${expression.trim()}: ${got} for a run the CLI ends with ${want}`];
    });
  });
}

describe("the exit codes the contract guides' snippets set", () => {
  it("are the command's: 1 a violation, 3 untestable or an error, 4 incomplete, else 0", () => {
    for (const guide of ["docs/guides/contract.md", "docs/guides/contract-checks.md"]) {
      const markdown = readDoc(guide);
      expect(markdown, guide).toMatch(/process\.exitCode =/);
      expect(exitCodeProblems(markdown), guide).toEqual([]);
    }
  });
});
