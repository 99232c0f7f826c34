import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";

/** What the landing page says about the published spec. */
export interface SpecInfo {
  /** `info.title` of the spec. */
  title: string;
  /** `info.version`: the API version the SDK targets. */
  version: string;
  /** The `openapi` field, e.g. `3.1.0`. */
  openapi: string;
}

/**
 * Puts the bundled spec into `outDir` as `openapi.json` and `openapi.yaml` (the generated YAML
 * when `generated/openapi.yaml` exists, else the JSON converted).
 */
export function writeSpecFiles(generatedDir: string, outDir: string): SpecInfo {
  const jsonFile = join(generatedDir, "openapi.json");
  const yamlFile = join(generatedDir, "openapi.yaml");
  const spec = JSON.parse(readFileSync(jsonFile, "utf8")) as {
    openapi?: string;
    info?: { title?: string; version?: string };
  };
  copyFileSync(jsonFile, join(outDir, "openapi.json"));
  if (existsSync(yamlFile)) copyFileSync(yamlFile, join(outDir, "openapi.yaml"));
  else writeFileSync(join(outDir, "openapi.yaml"), stringify(spec));
  const { title, version } = spec.info ?? {};
  if (!title || !version || !spec.openapi) {
    throw new Error(`${jsonFile} lacks openapi, info.title or info.version`);
  }
  return { title, version, openapi: spec.openapi };
}
