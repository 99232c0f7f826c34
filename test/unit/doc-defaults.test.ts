import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { documentationFiles } from "../../scripts/docs/code-blocks.js";
import { repoRoot } from "../../scripts/lib/exec.js";
import { SESSION_DEFAULTS } from "../../src/contract/session.js";
import { backoffDelay } from "../../src/retry.js";
import { DEFAULT_MAX_PAGES, DEFAULT_PREFETCH } from "../../src/walk/options.js";
import { factProblems } from "../helpers/doc-facts.js";

const source = (file: string) =>
  ts.createSourceFile(
    file,
    readFileSync(join(repoRoot, file), "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );

/** The `@default` of each property of the interfaces `names` in `file`, as written. */
function jsdocDefaults(file: string, names: readonly string[]): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const statement of source(file).statements) {
    if (!ts.isInterfaceDeclaration(statement) || !names.includes(statement.name.text)) continue;
    for (const member of statement.members) {
      const tag = ts.getJSDocTags(member).find((each) => each.tagName.text === "default");
      const text = tag && ts.getTextOfJSDocComment(tag.comment);
      if (text && member.name && ts.isIdentifier(member.name)) {
        defaults.set(member.name.text, text);
      }
    }
  }
  return defaults;
}

/**
 * The literal a default starts with, normalized (`60_000`, `60 000` and `60000` are one), or
 * undefined when it is not a literal (`console`, "KUBEADAPT_BASE_URL, else …").
 */
function literalOf(text: string): string | undefined {
  const match = /^`?("[^"]*"|\d[\d_ ]*\d|\d|true|false)`?(?=$|[\s,;:()])/.exec(text.trim());
  return match?.[1]?.replace(/(?<=\d)[_ ](?=\d)/g, "");
}

const client = jsdocDefaults("src/client.ts", ["KubeadaptOptions"]);
const retries = jsdocDefaults("src/retry.ts", ["RetryOptions"]);
const walks = jsdocDefaults("src/walk/types.ts", ["WalkOptions", "CursorWalkOptions"]);
const contract = jsdocDefaults("src/contract/types.ts", ["ContractOptions"]);

/** Which options a guide's defaults are about: the interfaces whose JSDoc is their source. */
const OPTIONS_OF: Record<string, Map<string, string>> = {
  "README.md": client,
  "docs/guides/client.md": client,
  "docs/guides/errors-and-retries.md": client,
  "docs/guides/pagination.md": walks,
  "docs/guides/contract.md": contract,
  "docs/guides/contract-checks.md": contract,
};

/** A default a guide states for an option: a row of an options table, or "`name` (default x". */
interface StatedDefault {
  line: number;
  option: string;
  value: string;
}

/** Every default `markdown` states: rows of tables headed `| option | default |`, and prose. */
function statedDefaults(markdown: string): StatedDefault[] {
  const stated: StatedDefault[] = [];
  let inOptionsTable = false;
  markdown.split("\n").forEach((text, index) => {
    if (!text.startsWith("|")) inOptionsTable = false;
    else if (/^\| *option *\| *default *\|/.test(text)) inOptionsTable = true;
    const row = /^\| `(\w+)` \| ([^|]+) \|/.exec(text);
    if (inOptionsTable && row) {
      stated.push({ line: index + 1, option: row[1] as string, value: (row[2] as string).trim() });
    }
    for (const prose of text.matchAll(/`(\w+)` \(default ([^)]+)/g)) {
      stated.push({ line: index + 1, option: prose[1] as string, value: prose[2] as string });
    }
  });
  return stated;
}

/**
 * The defaults `markdown` states as a literal for an option whose JSDoc `@default` is one, each
 * with a problem when the two differ.
 */
function comparedDefaults(markdown: string, file: string, options: Map<string, string>) {
  return statedDefaults(markdown).flatMap(({ line, option, value }) => {
    const documented = options.get(option) ?? "";
    const expected = literalOf(documented);
    const stated = literalOf(value);
    if (expected === undefined || stated === undefined) return [];
    const problem = `${file}:${line}: ${option} defaults to ${documented}, not ${value}`;
    return [{ option, problem: stated === expected ? undefined : problem }];
  });
}

/** The literal defaults `markdown` states that differ from the options' JSDoc `@default`. */
function staleDefaults(markdown: string, file: string, options: Map<string, string>): string[] {
  return comparedDefaults(markdown, file, options).flatMap(({ problem }) => problem ?? []);
}

/** The defaults `createRetryingFetch` destructures its options with, as written. */
function retryDefaults(): Map<string, string> {
  const defaults = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isBindingElement(node) && node.initializer && ts.isIdentifier(node.name)) {
      defaults.set(node.name.text, node.initializer.getText());
    }
    ts.forEachChild(node, visit);
  };
  const file = source("src/retry.ts");
  const retrying = file.statements.find(
    (statement) =>
      ts.isFunctionDeclaration(statement) && statement.name?.text === "createRetryingFetch",
  );
  if (retrying) visit(retrying);
  return defaults;
}

describe("the defaults the guides state are the options' own", () => {
  it("reads tables and prose, and notices a default that changed", () => {
    const guide = [
      "| option | default | |",
      "|---|---|---|",
      "| `timeoutMs` | `30000` | per attempt |",
      "| `logger` | `console` | where lines go |",
      "| `maxRetries` | `2` | retries |",
      "",
      "| error | status |",
      "| `maxRetries` | 400 |",
      "",
      "`maxRetryDelayMs` (default 6 000; `Infinity` waits whatever the server says)",
    ].join("\n");
    expect(statedDefaults(guide).map(({ line, option }) => `${line} ${option}`)).toEqual([
      "3 timeoutMs",
      "4 logger",
      "5 maxRetries",
      "10 maxRetryDelayMs",
    ]);
    expect(staleDefaults(guide, "g.md", client)).toEqual([
      "g.md:3: timeoutMs defaults to 60_000, not `30000`",
      "g.md:10: maxRetryDelayMs defaults to 60_000, not 6 000; `Infinity` waits whatever the server says",
    ]);
  });

  it("in README.md and every guide that documents options", () => {
    const files = documentationFiles().filter((file) => OPTIONS_OF[file] !== undefined);
    expect(files).toHaveLength(Object.keys(OPTIONS_OF).length);
    const compared = files.flatMap((file) =>
      comparedDefaults(
        readFileSync(join(repoRoot, file), "utf8"),
        file,
        OPTIONS_OF[file] as Map<string, string>,
      ),
    );
    expect(compared.flatMap(({ problem }) => problem ?? [])).toEqual([]);
    const options = new Set(compared.map(({ option }) => option));
    // The options whose stated defaults were compared: a guide rewritten past the parser shows.
    expect([...options].sort()).toEqual([
      "allowInsecureHttp",
      "maxPages",
      "maxRetries",
      "maxRetryDelayMs",
      "onCursorExpired",
      "prefetch",
      "seed",
      "timeoutMs",
    ]);
  });
});

describe("the JSDoc @default of an option is the default the code applies", () => {
  it("createKubeadapt's and createRetryingFetch's retry and timeout options", () => {
    const code = retryDefaults();
    for (const option of ["maxRetries", "timeoutMs", "maxRetryDelayMs"]) {
      const applied = literalOf(code.get(option) ?? "");
      expect(applied, option).toMatch(/^\d+$/);
      expect(literalOf(client.get(option) ?? ""), `KubeadaptOptions.${option}`).toBe(applied);
      expect(literalOf(retries.get(option) ?? ""), `RetryOptions.${option}`).toBe(applied);
    }
  });

  it("a walk's prefetch and maxPages", () => {
    expect(literalOf(walks.get("prefetch") ?? "")).toBe(String(DEFAULT_PREFETCH));
    expect(literalOf(walks.get("maxPages") ?? "")).toBe(String(DEFAULT_MAX_PAGES));
  });

  it("the contract suite's rate, retries, Retry-After limit and timeout", () => {
    for (const [option, applied] of Object.entries(SESSION_DEFAULTS)) {
      expect(literalOf(contract.get(option) ?? ""), `ContractOptions.${option}`).toBe(
        String(applied),
      );
    }
  });
});

describe("the CLI guide's 'no answer in time' is the client's default timeout and retries", () => {
  it("per attempt, attempts, and the backoffs between them", () => {
    const code = retryDefaults();
    const file = "docs/guides/cli.md";
    const waits = [0, 1].map((retry) => `${backoffDelay(retry, () => 0) / 1000} s`);
    expect(
      factProblems([
        {
          file,
          pattern: /default for each request: (\d+) s per attempt/g,
          expected: Number(literalOf(code.get("timeoutMs") ?? "")) / 1000,
          source: "createRetryingFetch's timeoutMs in seconds",
        },
        {
          file,
          pattern: /and (\d+) attempts with a backoff/g,
          expected: Number(literalOf(code.get("maxRetries") ?? "")) + 1,
          source: "createRetryingFetch's maxRetries + 1",
        },
        {
          file,
          pattern: /backoff of about ([\d.]+ s and [\d.]+ s) between/g,
          expected: waits.join(" and "),
          source: "the first two backoffs",
        },
      ]),
    ).toEqual([]);
  });
});
