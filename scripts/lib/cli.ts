import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./exec.js";

/** Where the spec sources and the generated files live. */
export interface Dirs {
  /** Directory holding `openapi.yaml` and `redocly.yaml`. @default "openapi" */
  specDir: string;
  /** Directory holding `openapi.json`, `schema.ts`, `README.md`. @default "generated" */
  generatedDir: string;
}

/** Parsed command line of the spec scripts. */
export interface Cli extends Dirs {
  /** `--bundle-only`: stop after writing `openapi.json`. @default false */
  bundleOnly: boolean;
}

/**
 * Reads `--spec <dir>` and `--generated <dir>` (else `KUBEADAPT_SPEC_DIR`,
 * `KUBEADAPT_GENERATED_DIR`, else the repo's own dirs). Relative paths resolve from cwd.
 * Overridable so a test can run the pipeline on a copy of the spec.
 */
export function parseCli(argv: string[] = process.argv.slice(2)): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      spec: { type: "string" },
      generated: { type: "string" },
      "bundle-only": { type: "boolean" },
    },
    strict: true,
  });
  const spec = values.spec ?? process.env.KUBEADAPT_SPEC_DIR;
  const generated = values.generated ?? process.env.KUBEADAPT_GENERATED_DIR;
  return {
    specDir: spec ? resolve(spec) : resolve(repoRoot, "openapi"),
    generatedDir: generated ? resolve(generated) : resolve(repoRoot, "generated"),
    bundleOnly: values["bundle-only"] ?? false,
  };
}
