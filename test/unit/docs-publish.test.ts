// The workflow that publishes the documentation site builds it the way `npm test` checks it:
// on every push to main, `npm ci` then `npm run docs`, on the Node version CI runs, uploading
// the directory the build writes, then deploying it once `npm test` has passed. A site
// published from another command, branch or directory would go stale, and one published
// before the tests pass could state what a doc test already knows to be false.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SITE_DIR } from "../../scripts/docs/build-site.js";
import { repoRoot } from "../../scripts/lib/exec.js";

const WORKFLOW = ".github/workflows/docs.yml";

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  steps?: Step[];
}

/** What the workflow text `source` gets wrong about publishing the site. */
function publishProblems(source: string, nodeMajor: string): string[] {
  const workflow = parse(source) as {
    on?: { push?: { branches?: string[] } };
    jobs?: Record<string, Job>;
  };
  const problems: string[] = [];
  if (!workflow.on?.push?.branches?.includes("main")) problems.push("not run on a push to main");
  const named = workflow.jobs ?? {};
  const jobs = Object.values(named);
  const steps = jobs.flatMap((job) => job.steps ?? []);
  const runsOf = (list: Step[]) => list.flatMap((step) => (step.run ? [step.run.trim()] : []));
  const inOrder = (runs: string[], first: string, then: string) =>
    runs.indexOf(first) >= 0 && runs.indexOf(then) > runs.indexOf(first);
  const runs = runsOf(steps);
  if (!jobs.some((job) => inOrder(runsOf(job.steps ?? []), "npm ci", "npm run docs"))) {
    problems.push(`runs ${runs.join(", ")}, not npm ci then npm run docs`);
  }
  const uses = (action: string) => steps.find((step) => step.uses?.startsWith(`${action}@`));
  // Every job's Node: the tests and the build alike.
  for (const step of steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))) {
    const node = String(step.with?.["node-version"] ?? "");
    if (node.split(".")[0] !== nodeMajor) problems.push(`Node ${node}, CI's is ${nodeMajor}`);
  }
  const path = uses("actions/upload-pages-artifact")?.with?.path;
  if (path !== SITE_DIR) problems.push(`uploads ${String(path)}, the build writes ${SITE_DIR}`);
  const deploy = jobs.find((job) =>
    job.steps?.some((step) => step.uses?.startsWith("actions/deploy-pages@")),
  );
  if (![deploy?.needs ?? []].flat().length) problems.push("no deploy-pages job after the build");
  // The jobs the deploy waits for, through their own needs too.
  const waited = new Set<string>();
  const wait = (job: Job | undefined) => {
    for (const name of [job?.needs ?? []].flat()) {
      if (waited.has(name)) continue;
      waited.add(name);
      wait(named[name]);
    }
  };
  wait(deploy);
  const tested = [...waited].some((name) =>
    inOrder(runsOf(named[name]?.steps ?? []), "npm ci", "npm test"),
  );
  if (!tested) problems.push("the deploy does not wait for a job that runs npm ci then npm test");
  return problems;
}

const source = readFileSync(join(repoRoot, WORKFLOW), "utf8");
// Every machine of the project, CI included, runs this Node major (the developers' guide).
const major = process.versions.node.split(".")[0] as string;

describe(`${WORKFLOW}, which publishes the site`, () => {
  it("builds it with npm run docs on CI's Node, uploads what the build writes, and deploys it", () => {
    expect(publishProblems(source, major)).toEqual([]);
  });

  it("notice another command, branch, Node, directory or no deploy", () => {
    const broken = source
      .replace("branches: [main]", "branches: [gh-pages]")
      .replace("- run: npm run docs", "- run: npm run build")
      .replace("node-version: 20", "node-version: 18")
      .replace("path: .docs", "path: site")
      .replace("needs: [test, build]", "needs: []");
    expect(publishProblems(broken, "20")).toEqual([
      "not run on a push to main",
      "runs npm ci, npm test, npm ci, npm run build, not npm ci then npm run docs",
      "Node 18, CI's is 20",
      `uploads site, the build writes ${SITE_DIR}`,
      "no deploy-pages job after the build",
      "the deploy does not wait for a job that runs npm ci then npm test",
    ]);
  });

  it("notice a deploy that does not wait for npm test, or a test job that skips it", () => {
    expect(publishProblems(source.replace("needs: [test, build]", "needs: build"), major)).toEqual([
      "the deploy does not wait for a job that runs npm ci then npm test",
    ]);
    expect(
      publishProblems(source.replace("- run: npm test", "- run: npm run lint"), major),
    ).toEqual(["the deploy does not wait for a job that runs npm ci then npm test"]);
  });
});
