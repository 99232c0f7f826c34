import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** An OpenAPI document as parsed from JSON or YAML. */
export type Spec = Record<string, unknown> & { paths?: Record<string, unknown> };

/** A spec that cannot be read or is not a bundled OpenAPI document (the CLI exits 2). */
export class SpecInputError extends Error {
  override readonly name = "SpecInputError";
}

/** Parses `text` (JSON or YAML) as an OpenAPI document; `source` names it in errors. */
export function parseSpec(text: string, source: string): Spec {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    try {
      doc = parse(text);
    } catch (error) {
      throw new SpecInputError(`${source}: neither JSON nor YAML (${(error as Error).message})`);
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new SpecInputError(`${source}: not an OpenAPI document (no top-level object)`);
  }
  const spec = doc as Spec;
  if (typeof spec.openapi !== "string" || typeof spec.paths !== "object" || spec.paths === null) {
    throw new SpecInputError(`${source}: not an OpenAPI 3 document (needs "openapi" and "paths")`);
  }
  const external = findExternalRef(spec);
  if (external !== undefined) {
    throw new SpecInputError(
      `${source}: has an external $ref (${external}); compare bundled specs (npm run bundle)`,
    );
  }
  return spec;
}

/** Reads and parses the spec file at `path`. */
export function readSpec(path: string): Spec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new SpecInputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code}`);
  }
  return parseSpec(text, path);
}

function findExternalRef(node: unknown): string | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findExternalRef(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === "string" && !ref.startsWith("#")) return ref;
  for (const value of Object.values(node)) {
    const found = findExternalRef(value);
    if (found !== undefined) return found;
  }
  return undefined;
}
