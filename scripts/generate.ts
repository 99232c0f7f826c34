/**
 * `npm run generate` / `npm run bundle`: spec -> generated/openapi.{json,yaml} -> generated/schema.ts.
 * Usage: tsx scripts/generate.ts [--bundle-only] [--spec openapi] [--generated generated]
 */
import { join, relative } from "node:path";
import { parseCli } from "./lib/cli.js";
import { bundle, generate } from "./lib/generate.js";

const { specDir, generatedDir, bundleOnly } = parseCli();
try {
  if (bundleOnly) bundle(specDir, generatedDir);
  else generate(specDir, generatedDir);
  const files = bundleOnly
    ? "openapi.{json,yaml}"
    : "{openapi.json,openapi.yaml,schema.ts,README.md}";
  console.log(`wrote ${relative(process.cwd(), join(generatedDir, files))}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
