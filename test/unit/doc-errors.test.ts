// The error catalog the docs state (classes by status and code, the codes each status carries,
// the statuses that are retried) is what the SDK does and what the spec defines.
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { documentationFiles } from "../../scripts/docs/code-blocks.js";
import * as sdk from "../../src/index.js";
import { errorFromResponse } from "../../src/internal/error-from-response.js";
import * as money from "../../src/money/index.js";
import { createRetryingFetch } from "../../src/retry.js";
import { namedExamples } from "../../src/spec/named-examples.js";
import { readDoc } from "../helpers/doc-facts.js";

const GUIDE = "docs/guides/errors-and-retries.md";
const STATUSES = Array.from({ length: 200 }, (_, index) => 400 + index);

/** A row of the guide's `| class | when |` table: the status it names, and the code if any. */
interface ClassRow {
  name: string;
  /** `400`, `5xx`, or `other` for "any other status". */
  status: string;
  code: string | undefined;
}

/** The rows of the `| class | when |` table of `markdown`. */
function classRows(markdown: string): ClassRow[] {
  const rows: ClassRow[] = [];
  let inTable = false;
  for (const line of markdown.split("\n")) {
    if (/^\| *class *\| *when *\|/.test(line)) inTable = true;
    else if (!line.startsWith("|")) inTable = false;
    const row =
      inTable && /^\| `(\w+)`[^|]*\| (\d{3}|5xx|any other status)(?: `([A-Z_]+)`)?/.exec(line);
    if (row) {
      const status = row[2] === "any other status" ? "other" : (row[2] as string);
      rows.push({ name: row[1] as string, status, code: row[3] });
    }
  }
  return rows;
}

/** The class the table says a response of `status` with envelope `code` becomes. */
function predicted(rows: readonly ClassRow[], status: number, code: string): string | undefined {
  const exact = rows.filter((row) => row.status === String(status));
  const row =
    exact.find((each) => each.code === code) ??
    exact.find((each) => each.code === undefined) ??
    (exact.length === 1 ? exact[0] : undefined) ??
    rows.find((each) => each.status === (status >= 500 ? "5xx" : "other"));
  return row?.name;
}

/**
 * The table the JSDoc of `source`'s error classes makes (the SDK reference shows it): a class
 * whose summary starts with a status (`404: …`, `400 \`INVALID_CURSOR\`: …`, `5xx: …`) is a row.
 */
function jsdocRows(source: string): ClassRow[] {
  const file = ts.createSourceFile("errors.ts", source, ts.ScriptTarget.Latest, true);
  return file.statements.flatMap((statement) => {
    if (!ts.isClassDeclaration(statement) || !statement.name) return [];
    const summary = ts
      .getJSDocCommentsAndTags(statement)
      .map((doc) => doc.getText())
      .join("");
    const stated = /^\/\*\*\s*(\d{3}|5xx)(?: `([A-Z_]+)`)?:/.exec(summary);
    return stated
      ? [{ name: statement.name.text, status: stated[1] as string, code: stated[2] }]
      : [];
  });
}

const envelope = (code: string) =>
  JSON.stringify({ data: null, meta: { request_id: "req_1" }, error: { code, message: "m" } });
const actual = (status: number, code: string) =>
  errorFromResponse(new Response(null, { status }), envelope(code)).name;

/** Each status and code the table gets wrong, as "status code: table says X, the SDK throws Y". */
function classProblems(rows: readonly ClassRow[]): string[] {
  const cases: [number, string][] = [
    ...STATUSES.map((status): [number, string] => [status, "SOME_CODE"]),
    ...rows.flatMap((row): [number, string][] =>
      row.code ? [[Number(row.status), row.code]] : [],
    ),
  ];
  return cases.flatMap(([status, code]) => {
    const expected = predicted(rows, status, code);
    const thrown = actual(status, code);
    return expected === thrown
      ? []
      : [`${status} ${code}: the table says ${expected}, the SDK throws ${thrown}`];
  });
}

/** The error classes a module exports (each has a static `errorName`), sorted. */
function errorClasses(module: object): string[] {
  return Object.entries(module)
    .filter(([, value]) => typeof value === "function" && "errorName" in value)
    .map(([name]) => name)
    .sort();
}

/** The error classes a guide names in backticks, sorted; the language's own are not ours. */
function namedErrorClasses(markdown: string): string[] {
  const builtins = new Set(["SyntaxError", "TypeError"]);
  return [...new Set(markdown.match(/(?<=`)[A-Z]\w*Error(?=`)/g))]
    .filter((name) => !builtins.has(name))
    .sort();
}

/** Every "status code" pair the spec's named response examples carry (`400 BAD_REQUEST`). */
function specPairs(): Set<string> {
  return new Set(
    namedExamples().flatMap(({ status, value }) => {
      const code = (value as { error?: { code?: unknown } } | null)?.error?.code;
      return typeof code === "string" ? [`${status} ${code}`] : [];
    }),
  );
}

/** Every "status CODE" a text states (`410 \`CURSOR_EXPIRED\``, `401 UNAUTHORIZED`). */
function statedPairs(text: string): string[] {
  return [...text.matchAll(/\b([45]\d\d) `?([A-Z][A-Z_]{3,})\b/g)].map((m) => `${m[1]} ${m[2]}`);
}

/** The statuses a GET is retried on, as the SDK's retrying fetch decides. */
async function retriedStatuses(): Promise<number[]> {
  const retried: number[] = [];
  for (const status of STATUSES) {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response(envelope("X"), { status });
    };
    const sleep = async () => {};
    await createRetryingFetch({ fetch, maxRetries: 1, sleep, logLevel: 0 })(
      new Request("https://api.test/v1/clusters"),
    );
    if (calls > 1) retried.push(status);
  }
  return retried;
}

/** The statuses the guides say are retried: the errors guide's list, the client guide's table. */
function documentedRetries(errorsGuide: string, clientGuide: string): number[][] {
  const listed = /^- Retried: GETs on ([\d, ]+)/m.exec(errorsGuide)?.[1] ?? "";
  const table = clientGuide.slice(clientGuide.indexOf("| what happened | why it is retried |"));
  const rows = table.slice(0, table.search(/\n(?!\|)/));
  const numbers = (text: string) => (text.match(/\b\d{3}\b/g) ?? []).map(Number).sort();
  return [numbers(listed), numbers(rows.replace(/^\|[^|\n]*\|[^|\n]*\|\n/, ""))];
}

describe("the errors guide's table of classes", () => {
  const rows = classRows(readDoc(GUIDE));

  it("says which class every 4xx and 5xx becomes, as errorFromResponse decides", () => {
    expect(rows.length).toBeGreaterThanOrEqual(9);
    expect(classProblems(rows)).toEqual([]);
  });

  it("notices a status that moved to another class, and a class that is gone", () => {
    const stale = readDoc(GUIDE)
      .replace("| `PermissionDeniedError` | 403 |", "| `PermissionDeniedError` | 409 |")
      .replace("| `RateLimitError` | 429 |\n", "");
    expect(classProblems(classRows(stale))).toEqual([
      "403 SOME_CODE: the table says KubeadaptError, the SDK throws PermissionDeniedError",
      "409 SOME_CODE: the table says PermissionDeniedError, the SDK throws KubeadaptError",
      "429 SOME_CODE: the table says KubeadaptError, the SDK throws RateLimitError",
    ]);
  });

  it("and the error classes' JSDoc state the statuses errorFromResponse maps", () => {
    const rows = jsdocRows(readDoc("src/errors.ts"));
    expect(rows.map(({ name }) => name)).toContain("PermissionDeniedError");
    const statused = rows.flatMap((row) =>
      (row.status === "5xx" ? [500, 503, 599] : [Number(row.status)]).map((status) => ({
        row,
        thrown: actual(status, row.code ?? "SOME_CODE"),
      })),
    );
    expect(statused.filter(({ row, thrown }) => row.name !== thrown)).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const stale =
      "/** 409: a conflict. */\nexport class PermissionDeniedError extends KubeadaptError {}";
    expect(jsdocRows(stale)).toEqual([
      { name: "PermissionDeniedError", status: "409", code: undefined },
    ]);
    expect(actual(409, "SOME_CODE")).not.toBe("PermissionDeniedError");
  });

  it("names every error class the SDK exports, and only those", () => {
    const exported = errorClasses(sdk);
    expect(exported.length).toBeGreaterThanOrEqual(14);
    expect(namedErrorClasses(readDoc(GUIDE))).toEqual(exported);
  });
});

describe("the money guide's table of errors", () => {
  it("names every error class kubeadapt/money exports with the guard that recognises it", () => {
    const guide = readDoc("docs/guides/money.md");
    const exported = errorClasses(money);
    const moneyExports = new Map(Object.entries(money));
    expect(exported.length).toBeGreaterThanOrEqual(3);
    const rows = exported.map((name) => {
      const Class = moneyExports.get(name) as new (message: string) => Error;
      const guard = moneyExports.get(`is${name}`) as ((value: unknown) => boolean) | undefined;
      const row = guide.split("\n").find((line) => line.startsWith(`| \`${name}\``)) ?? "";
      const recognised = guard?.(new Class("m")) === true;
      return { name, row: row.includes(`\`is${name}\``), recognised };
    });
    expect(rows.filter(({ row, recognised }) => !row || !recognised)).toEqual([]);
    expect(namedErrorClasses("| `MoneyError` | `isMoneyError` | a `TypeError` |")).toEqual([
      "MoneyError",
    ]);
  });
});

describe("a status and error code stated together", () => {
  const pairs = specPairs();

  it("is one the spec's examples pair, in README.md and every guide", () => {
    const stated = documentationFiles().flatMap((file) =>
      statedPairs(readDoc(file)).map((pair) => ({ file, pair })),
    );
    expect(stated.length).toBeGreaterThanOrEqual(20);
    expect(stated.filter(({ pair }) => !pairs.has(pair))).toEqual([]);
  });

  it("has a class of its own for every 4xx the spec documents", () => {
    const fourxx = [...pairs].filter((pair) => pair.startsWith("4"));
    expect(fourxx.length).toBeGreaterThanOrEqual(6);
    // A 4xx the SDK has no class for would be listed: 409 CONFLICT, were the spec to add it.
    const generic = [...fourxx, "409 CONFLICT"].filter((pair) => {
      const [status, code] = pair.split(" ");
      return actual(Number(status), code as string) === "KubeadaptError";
    });
    expect(generic).toEqual(["409 CONFLICT"]);
  });

  it("notices a code the spec does not give that status", () => {
    expect(pairs.has("410 CURSOR_EXPIRED")).toBe(true);
    const stale = statedPairs("a 401 `UNAUTHENTICATED`, then 410 CURSOR_EXPIRED");
    expect(stale.filter((pair) => !pairs.has(pair))).toEqual(["401 UNAUTHENTICATED"]);
  });
});

describe("the statuses the guides say are retried", () => {
  it("are the ones the retrying fetch retries", async () => {
    const [listed, tabled] = documentedRetries(readDoc(GUIDE), readDoc("docs/guides/client.md"));
    const retried = await retriedStatuses();
    expect(retried).toEqual([408, 429, 500, 502, 503, 504]);
    expect(listed).toEqual(retried);
    expect(tabled).toEqual(retried);
  });

  it("are read from the list and the table, so a status dropped from either shows", () => {
    const errorsGuide = "- Retried: GETs on 408, 429, 500, 503, network errors.";
    const clientGuide = [
      "| what happened | why it is retried |",
      "|---|---|",
      "| 429 | rate limited |",
      "| 502, 504 | a proxy |",
      "| timeout | 600 ms later |",
      "",
      "| 418 | not in the table |",
    ].join("\n");
    expect(documentedRetries(errorsGuide, clientGuide)).toEqual([
      [408, 429, 500, 503],
      [429, 502, 504, 600],
    ]);
  });
});
