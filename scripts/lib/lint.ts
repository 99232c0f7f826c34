import { isAbsolute, join, relative } from "node:path";
import { bin, repoRoot, run } from "./exec.js";

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

/**
 * Lints `<specDir>/openapi.yaml` with Redocly and its `redocly.yaml`, warnings included
 * (`redocly lint` itself exits 0 on warnings), after checking the config (a misspelt rule name
 * is only mentioned by `redocly lint`).
 * @returns every problem, two lines each (severity, rule, file:line:col and pointer, then the
 * message), or the config's or Redocly's own failure; empty when the spec is clean
 */
export function specLintProblems(specDir: string): string[] {
  const config = join(specDir, "redocly.yaml");
  const redocly = bin("redocly");
  const checked = run(redocly, ["check-config", "--config", config]);
  if (checked.status !== 0) {
    return [`${relative(process.cwd(), config)} is invalid:\n${checked.stdout}${checked.stderr}`];
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
    return [`redocly lint gave no JSON report:\n${linted.stdout}${linted.stderr}`];
  }
  const lines = problems.map((problem) => {
    const where = problem.location?.[0];
    const ref = where?.source?.ref ?? "?";
    const file = relative(process.cwd(), isAbsolute(ref) ? ref : join(repoRoot, ref));
    const at = where?.start ? `${file}:${where.start.line}:${where.start.col}` : file;
    return (
      `${problem.severity.padEnd(5)} ${problem.ruleId}  ${at}  ${where?.pointer ?? ""}\n` +
      `      ${problem.message}`
    );
  });
  if (lines.length === 0 && linted.status !== 0) {
    return [`redocly lint exited with ${linted.status}:\n${linted.stderr}`];
  }
  return lines;
}
