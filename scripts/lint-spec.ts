/**
 * `npm run lint:spec`: Redocly lint that fails on any problem, warnings included
 * (`redocly lint` itself exits 0 on warnings). Also fails on config problems such as a
 * misspelt rule name, which `redocly lint` only mentions.
 * Usage: tsx scripts/lint-spec.ts [--spec openapi]
 */
import { isAbsolute, join, relative } from "node:path";
import { parseCli } from "./lib/cli.js";
import { bin, repoRoot, run } from "./lib/exec.js";

interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location?: {
    source?: { ref?: string };
    pointer?: string;
    start?: { line: number; col: number };
  }[];
}

const { specDir } = parseCli();
const config = join(specDir, "redocly.yaml");
const redocly = bin("redocly");

const checked = run(redocly, ["check-config", "--config", config]);
if (checked.status !== 0) {
  console.error(
    `${relative(process.cwd(), config)} is invalid:\n${checked.stdout}${checked.stderr}`,
  );
  process.exit(1);
}

const linted = run(redocly, [
  "lint",
  join(specDir, "openapi.yaml"),
  "--config",
  config,
  "--format=json",
]);
let problems: Problem[];
try {
  problems = (JSON.parse(linted.stdout) as { problems: Problem[] }).problems;
} catch {
  console.error(`redocly lint gave no JSON report:\n${linted.stdout}${linted.stderr}`);
  process.exit(1);
}

for (const problem of problems) {
  const where = problem.location?.[0];
  const ref = where?.source?.ref ?? "?";
  const file = relative(process.cwd(), isAbsolute(ref) ? ref : join(repoRoot, ref));
  const at = where?.start ? `${file}:${where.start.line}:${where.start.col}` : file;
  console.error(`${problem.severity.padEnd(5)} ${problem.ruleId}  ${at}  ${where?.pointer ?? ""}`);
  console.error(`      ${problem.message}`);
}
if (problems.length > 0 || linted.status !== 0) {
  console.error(`\nlint:spec failed: ${problems.length} problem(s); warnings count as failures.`);
  if (problems.length === 0) console.error(linted.stderr);
  process.exit(1);
}
console.log(`lint:spec: ${relative(process.cwd(), specDir) || "."} has no problems`);
