/**
 * `npm run check:generated`: regenerates into a temp dir and fails when the committed
 * generated files differ byte for byte.
 * Usage: tsx scripts/check-generated.ts [--spec openapi] [--generated generated]
 */
import { relative } from "node:path";
import { parseCli } from "./lib/cli.js";
import { driftedFiles } from "./lib/generate.js";

const show = (path: string) => relative(process.cwd(), path) || ".";
const { specDir, generatedDir } = parseCli();
try {
  const drifted = driftedFiles(specDir, generatedDir);
  if (drifted.length > 0) {
    console.error(
      `generated files are out of date with ${show(specDir)}:\n` +
        drifted.map((file) => `  ${show(file)}\n`).join("") +
        "run `npm run generate` and commit the result.",
    );
    process.exitCode = 1;
  } else {
    console.log(`generated files match ${show(specDir)}`);
  }
} catch (error) {
  console.error(`check:generated could not regenerate: ${(error as Error).message}`);
  process.exitCode = 1;
}
