// The query parameters the docs' snippets and the examples pass exist in the spec for that path,
// with values it accepts: a snippet compiles with a misspelt key held in an `as const` variable,
// and then filters on nothing (pagination.md walked every kind with `workload_kind`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentationBlocks } from "../../scripts/docs/code-blocks.js";
import { snippetQueries, snippetQueryProblems } from "../../scripts/docs/snippet-queries.js";
import { repoRoot } from "../../scripts/lib/exec.js";

const sources = [
  ...documentationBlocks().map((block) => ({ where: `${block.file}:${block.line}`, ...block })),
  ...readdirSync(join(repoRoot, "examples"))
    .filter((file) => file.endsWith(".ts"))
    .map((file) => ({
      where: `examples/${file}:1`,
      line: 1,
      code: readFileSync(join(repoRoot, "examples", file), "utf8"),
    })),
];

/** Each problem with the doc line it is on. */
function problemsOf({ where, line, code }: (typeof sources)[number]): string[] {
  const file = where.replace(/:\d+$/, "");
  return snippetQueryProblems(code).map((problem) => {
    const [at, ...rest] = problem.split(": ");
    return `${file}:${line + Number(at) - 1}: ${rest.join(": ")}`;
  });
}

const WALK = (query: string) =>
  [
    'import { createKubeadapt } from "kubeadapt";',
    "const ka = createKubeadapt();",
    `const params = { query: ${query} } as const;`,
    'for await (const w of ka.paginate("/v1/workloads", { params })) console.log(w);',
  ].join("\n");

describe("query parameters in the docs' TypeScript and the examples", () => {
  it("are the spec's for the path, with values it accepts", () => {
    const found = sources.flatMap(({ code }) => snippetQueries(code));
    console.log(`${found.length} query parameters in ${sources.length} snippets and examples`);
    // The walks of README, quick-start, pagination, money, testing and the examples at least.
    expect(found.length).toBeGreaterThanOrEqual(10);
    expect(sources.flatMap(problemsOf)).toEqual([]);
  });

  it("are found inline, through a hoisted `as const` variable and through a shorthand `query`", () => {
    const shorthand = [
      'const query = { group_by: "team" } as const;',
      'ka.paginateOffset("/v1/cost-explorer", { params: { query } });',
      'ka.client.GET("/v1/recommendations", { params: { query: { include_total: true } } });',
    ].join("\n");
    expect(snippetQueries(WALK('{ limit: 500, kind: "Deployment" }'))).toEqual([
      { path: "/v1/workloads", key: "limit", value: "500", line: 3 },
      { path: "/v1/workloads", key: "kind", value: "Deployment", line: 3 },
    ]);
    expect(snippetQueries(shorthand).map(({ key, value }) => `${key}=${value}`)).toEqual([
      "group_by=team",
      "include_total=true",
    ]);
  });

  it("notice a key the path does not take (workload_kind) and a value its schema rejects", () => {
    expect(snippetQueryProblems(WALK('{ limit: 500, workload_kind: "Deployment" }'))).toEqual([
      expect.stringMatching(
        /^3: GET \/v1\/workloads has no query parameter "workload_kind"; .*kind/,
      ),
    ]);
    expect(snippetQueryProblems(WALK('{ limit: 501, kind: "Deploymnet" }'))).toEqual([
      expect.stringMatching(/^3: query\.limit: limit must be an integer from 1 to 500$/),
      expect.stringMatching(/^3: query\.kind: kind must be one of .*Deployment/),
    ]);
  });
});
