// What CONTRIBUTING and the project guide say about the test setup is the repository's: the
// Vitest projects vitest.config.ts defines, the folders under test/, and the steps of .ci/run.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.js";
import config from "../../vitest.config.js";
import { readDoc } from "../helpers/doc-facts.js";

/** The names of vitest.config.ts's projects. */
const projects = (config.test?.projects ?? []).map(
  (project) => (project as { test?: { name?: string } }).test?.name,
);
const testFolders = readdirSync(join(repoRoot, "test"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** The npm commands of .ci/run, in order. */
const ciSteps = (script: string) =>
  [...script.matchAll(/^(npm (?:ci|test|run [\w:-]+))\s*$/gm)].map((m) => m[1] as string);

/** The backticked names in the first match of `pattern`'s group 1 (`` `unit`, `e2e` ``). */
function listed(text: string, pattern: RegExp): string[] {
  return (pattern.exec(text)?.[1]?.match(/`[^`]+`/g) ?? []).map((name) => name.slice(1, -1));
}

const VITEST_PROJECTS = /Vitest is split into projects \(([^;)]+)/;
const TEST_FOLDERS = /- `test\/`: ([\s\S]+?)\n- /;
const CI_RUNS = /CI runs `\.ci\/run`: ([\s\S]+?), then the browser/;

/** What a CONTRIBUTING text and a project guide get wrong about the test setup. */
function workflowProblems(contributing: string, project: string, ci: string): string[] {
  const problems: string[] = [];
  const named = listed(contributing, VITEST_PROJECTS);
  if (named.join() !== projects.join()) {
    problems.push(
      `CONTRIBUTING names projects ${named.join(", ")}; vitest.config.ts has ${projects.join(", ")}`,
    );
  }
  // The folders are the names written with a slash (`unit/`), not `fetch` or `*.test-d.ts`.
  const folders = listed(contributing, TEST_FOLDERS)
    .filter((name) => name.endsWith("/"))
    .map((name) => name.slice(0, -1));
  const unnamed = testFolders.filter((folder) => !folders.includes(folder));
  const gone = folders.filter((folder) => !testFolders.includes(folder));
  if (unnamed.length > 0) problems.push(`CONTRIBUTING's test/ leaves out ${unnamed.join(", ")}`);
  if (gone.length > 0) problems.push(`CONTRIBUTING's test/ names ${gone.join(", ")}, not there`);
  const steps = listed(project, CI_RUNS);
  const run = ciSteps(ci).filter((step) => !/test:(browser|runtimes)$/.test(step));
  if (steps.join() !== run.join()) {
    problems.push(`project.md says CI runs ${steps.join(", ")}; .ci/run runs ${run.join(", ")}`);
  }
  return problems;
}

const CI = readFileSync(join(repoRoot, ".ci", "run"), "utf8");

describe("the test setup as CONTRIBUTING and the project guide describe it", () => {
  it("names vitest.config.ts's projects, the folders of test/ and the steps of .ci/run", () => {
    expect(projects.length).toBeGreaterThanOrEqual(5);
    expect(ciSteps(CI)).toContain("npm run check:package");
    expect(
      workflowProblems(readDoc("CONTRIBUTING.md"), readDoc("docs/guides/project.md"), CI),
    ).toEqual([]);
  });

  it("notice the project list without examples, a test/ folder unnamed and a CI step left out", () => {
    const contributing = readDoc("CONTRIBUTING.md")
      .replace(/`cli`, `examples`, `contract`/, "`cli`, `contract`")
      .replace(/`browser\/` \([^)]*\),\s+`fixtures\/`, /, "");
    const project = readDoc("docs/guides/project.md").replace(", `npm run check:package`", "");
    expect(workflowProblems(contributing, project, CI)).toEqual([
      `CONTRIBUTING names projects unit, e2e, cli, contract; vitest.config.ts has ${projects.join(", ")}`,
      "CONTRIBUTING's test/ leaves out browser, fixtures",
      "project.md says CI runs npm ci, npm test; .ci/run runs npm ci, npm test, npm run check:package",
    ]);
  });
});
