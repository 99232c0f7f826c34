import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, runOrThrow } from "./exec.js";

/** Files `generate` writes into the generated dir; `check:generated` compares all of them. */
export const GENERATED_FILES = ["openapi.json", "schema.ts", "README.md"] as const;

const README = `# generated/

Generated, do not edit: \`npm run generate\`.

- \`openapi.json\`: the spec bundled into one file by \`redocly bundle\`; Prism, the docs and the
  contract tests read it.
- \`schema.ts\`: TypeScript types from \`openapi-typescript openapi.json\`.

\`npm run check:generated\` fails when these files differ from what the spec in \`openapi/\` produces.
`;

/** Bundles `<specDir>/openapi.yaml` into `<outDir>/openapi.json` with the spec's Redocly config. */
export function bundle(specDir: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  runOrThrow(bin("redocly"), [
    "bundle",
    join(specDir, "openapi.yaml"),
    "--config",
    join(specDir, "redocly.yaml"),
    "-o",
    join(outDir, "openapi.json"),
  ]);
}

/** Bundles the spec, then writes `schema.ts` and `README.md` next to `openapi.json`. */
export function generate(specDir: string, outDir: string): void {
  bundle(specDir, outDir);
  // cwd = outDir: openapi-typescript loads any redocly.yaml in its cwd and, given one with
  // `apis:`, ignores the input path. The generated dir never holds one.
  runOrThrow(bin("openapi-typescript"), ["openapi.json", "-o", "schema.ts"], { cwd: outDir });
  writeFileSync(join(outDir, "README.md"), README);
}
