/**
 * `npm start`: Prism mock of generated/openapi.json (http://127.0.0.1:4010 by default).
 * Extra arguments go to Prism: `npm start -- -p 8080 --errors`.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bin, repoRoot, toolEnv } from "./lib/exec.js";

const spec = join(repoRoot, "generated", "openapi.json");
if (!existsSync(spec)) {
  console.error(`${spec} is missing: run \`npm run generate\` first.`);
  process.exit(1);
}

const prism = spawn(bin("prism"), ["mock", spec, ...process.argv.slice(2)], {
  cwd: repoRoot,
  env: toolEnv(),
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => prism.kill(signal));
}
prism.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
