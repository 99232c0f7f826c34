import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { bin, runOrThrow } from "./exec.js";

/** Files `generate` writes into the generated dir; `check:generated` compares all of them. */
export const GENERATED_FILES = ["openapi.json", "openapi.yaml", "schema.ts", "README.md"] as const;

const README = `# generated/

Generated, do not edit: \`npm run generate\`.

- \`openapi.json\`: the spec bundled into one file by \`redocly bundle\`; Prism, the docs and the
  contract tests read it. Published as \`kubeadapt/openapi.json\`.
- \`openapi.yaml\`: the same bundle as YAML, published as \`kubeadapt/openapi.yaml\`.
- \`schema.ts\`: TypeScript types from \`openapi-typescript openapi.json\`.

\`npm run check:generated\` fails when these files differ from what the spec in \`openapi/\` produces.
`;

/**
 * Bundles `<specDir>/openapi.yaml` into `<outDir>/openapi.json` with the spec's Redocly config,
 * and writes the same bundle as `<outDir>/openapi.yaml`.
 */
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
  const json = JSON.parse(readFileSync(join(outDir, "openapi.json"), "utf8"));
  // No anchors/aliases and no line folding: a plain single-file YAML any OpenAPI tool reads.
  writeFileSync(
    join(outDir, "openapi.yaml"),
    stringify(json, { aliasDuplicateObjects: false, lineWidth: 0 }),
  );
}

/** Bundles the spec, then writes `schema.ts` and `README.md` next to `openapi.json`. */
export function generate(specDir: string, outDir: string): void {
  bundle(specDir, outDir);
  // cwd = outDir: openapi-typescript loads any redocly.yaml in its cwd and, given one with
  // `apis:`, ignores the input path. The generated dir never holds one.
  runOrThrow(bin("openapi-typescript"), ["openapi.json", "-o", "schema.ts"], { cwd: outDir });
  writeFileSync(join(outDir, "README.md"), README);
}

/**
 * The files of `generatedDir` (as paths) that are missing or differ byte for byte from what
 * `generate` makes of `specDir` now, in a temp dir.
 * @throws when the spec does not bundle or openapi-typescript fails, with the tool's output
 */
export function driftedFiles(specDir: string, generatedDir: string): string[] {
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
