import { emit, type Site } from "./change.js";
import type { SchemaContext } from "./context.js";
import { type OperationContext, schemaContext } from "./operation-context.js";
import { asObject } from "./refs.js";
import { diffSchemas } from "./schema-diff.js";

/** Compares the `content` maps of a request body or a response: media types, schemas, examples. */
export function diffContent(
  op: OperationContext,
  direction: SchemaContext["direction"],
  site: Site,
  baseRaw: unknown,
  revisionRaw: unknown,
): void {
  const base = asObject(baseRaw);
  const revision = asObject(revisionRaw);
  const prefix = direction === "request" ? "request-body" : "response";
  for (const [mediaType, media] of Object.entries(base)) {
    if (!Object.hasOwn(revision, mediaType)) {
      emit(site, `${prefix}-media-type-removed`, `media type \`${mediaType}\` removed`);
      continue;
    }
    const before = asObject(media);
    const after = asObject(revision[mediaType]);
    diffSchemas(schemaContext(op, direction, site), before.schema, after.schema);
    if (direction === "response") diffExamples(site, before.examples, after.examples);
  }
  for (const mediaType of Object.keys(revision)) {
    if (!Object.hasOwn(base, mediaType))
      emit(site, `${prefix}-media-type-added`, `media type \`${mediaType}\` added`);
  }
}

function diffExamples(site: Site, baseRaw: unknown, revisionRaw: unknown): void {
  const before = Object.keys(asObject(baseRaw));
  const after = Object.keys(asObject(revisionRaw));
  for (const name of after.filter((name) => !before.includes(name))) {
    emit(site, "response-example-added", `example \`${name}\` added`);
  }
  for (const name of before.filter((name) => !after.includes(name))) {
    emit(site, "response-example-removed", `example \`${name}\` removed`);
  }
}
