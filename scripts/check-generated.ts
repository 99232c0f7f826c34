/**
 * `npm run check:generated`: regenerates into a temp dir and fails when the committed
 * generated files differ byte for byte.
 * Usage: tsx scripts/check-generated.ts [--spec openapi] [--generated generated]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseCli } from "./lib/cli.js";
import { GENERATED_FILES, generate } from "./lib/generate.js";

/** Committed files (as given paths) that are missing or differ from a fresh generation. */
function driftedFiles(specDir: string, generatedDir: string): string[] {
  const freshDir = mkdtempSync(join(tmpdir(), "kubeadapt-check-generated-"));
  try {
    generate(specDir, freshDir);
    return GENERATED_FILES.filter((file) => {
      const committed = join(generatedDir, file);
      return (
        !existsSync(committed) ||
        !readFileSync(committed).equals(readFileSync(join(freshDir, file)))
      );
    }).map((file) => join(generatedDir, file));
  } finally {
    rmSync(freshDir, { recursive: true, force: true });
  }
}

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
