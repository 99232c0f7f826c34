import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { driftedFiles } from "../lib/generate.js";
import { specLintProblems } from "../lib/lint.js";

/** Follows a JSON pointer (`#/components/schemas/Money`) in `doc`; undefined when it leads nowhere. */
function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === "#") return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Every `$ref` of a bundled spec that leads nowhere, one line each with where it is: a pointer
 * (`#/...`) that names nothing in the document, or a reference to another file (a bundle is one
 * file; Redoc would show such a schema as empty, and the published `openapi.json` could not be
 * read on its own).
 */
export function danglingRefs(spec: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${at}/${index}`);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const path = `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (key !== "$ref" || typeof value !== "string") {
        visit(value, path);
      } else if (!value.startsWith("#")) {
        problems.push(`${at}: $ref ${value} points outside the bundled file`);
      } else if (resolvePointer(spec, value) === undefined) {
        problems.push(`${at}: $ref ${value} names nothing in the spec`);
      }
    }
  };
  visit(spec, "#");
  return problems;
}

/** Where {@link checkPublishableSpec} reads the spec. */
export interface SpecDirs {
  /** The spec's sources: `openapi.yaml` and `redocly.yaml`. */
  specDir: string;
  /** The bundle the site publishes: `openapi.json`, `openapi.yaml`, and `schema.ts`. */
  generatedDir: string;
}

/**
 * Refuses to publish a spec that is not sound, in the order a contributor fixes things: the
 * sources must pass `npm run lint:spec` (which also catches an unresolvable `$ref` in them),
 * `generated/` must be exactly what they produce (else the site would show an older API than
 * the sources, and the SDK reference older types), and the bundle must have no dangling `$ref`.
 * @throws an error whose message says what is wrong and which command fixes it
 */
export function checkPublishableSpec({ specDir, generatedDir }: SpecDirs): void {
  const show = (path: string) => relative(process.cwd(), path) || ".";
  const lint = specLintProblems(specDir);
  if (lint.length > 0) {
    throw new Error(
      `the spec in ${show(specDir)} does not pass lint:spec (${lint.length} problem(s)):\n` +
        `${lint.join("\n")}\nfix them (npm run lint:spec) before publishing the docs.`,
    );
  }
  let drifted: string[];
  try {
    drifted = driftedFiles(specDir, generatedDir);
  } catch (error) {
    throw new Error(`the spec in ${show(specDir)} does not bundle:\n${(error as Error).message}`);
  }
  if (drifted.length > 0) {
    throw new Error(
      `${show(generatedDir)} is out of date with ${show(specDir)}, so the site would publish ` +
        `an older API: ${drifted.map(show).join(", ")}. Run \`npm run generate\` and commit the result.`,
    );
  }
  const bundled = join(generatedDir, "openapi.json");
  const dangling = danglingRefs(JSON.parse(readFileSync(bundled, "utf8")));
  if (dangling.length > 0) {
    throw new Error(
      `${show(bundled)} has ${dangling.length} dangling $ref(s):\n  ${dangling.join("\n  ")}`,
    );
  }
}
