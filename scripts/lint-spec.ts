/**
 * `npm run lint:spec`: Redocly lint that fails on any problem, warnings included
 * (`redocly lint` itself exits 0 on warnings). Also fails on config problems such as a
 * misspelt rule name, which `redocly lint` only mentions.
 * Usage: tsx scripts/lint-spec.ts [--spec openapi]
 */
import { relative } from "node:path";
import { parseCli } from "./lib/cli.js";
import { specLintProblems } from "./lib/lint.js";

const { specDir } = parseCli();
const problems = specLintProblems(specDir);
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`\nlint:spec failed: ${problems.length} problem(s); warnings count as failures.`);
  process.exit(1);
}
console.log(`lint:spec: ${relative(process.cwd(), specDir) || "."} has no problems`);
