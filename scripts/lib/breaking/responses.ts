import { emit, type Site } from "./change.js";
import { diffContent } from "./content.js";
import { type OperationContext, siteOf } from "./operation-context.js";
import { asObject, type RefResolver } from "./refs.js";

/** Compares the responses of one operation: statuses, headers, content. */
export function diffResponses(op: OperationContext, baseRaw: unknown, revisionRaw: unknown): void {
  const base = asObject(baseRaw);
  const revision = asObject(revisionRaw);
  for (const status of Object.keys(base)) {
    const site = siteOf(op, `response ${status}`);
    const kind = status.startsWith("2") ? "success" : "non-success";
    if (!Object.hasOwn(revision, status)) {
      emit(site, `response-${kind}-status-removed`, "removed");
      continue;
    }
    const before = op.base.resolve(base[status]).node;
    const after = op.revision.resolve(revision[status]).node;
    diffHeaders(site, op, before.headers, after.headers);
    diffContent(op, "response", site, before.content, after.content);
  }
  for (const status of Object.keys(revision)) {
    if (Object.hasOwn(base, status)) continue;
    const kind = status.startsWith("2") ? "success" : "non-success";
    emit(siteOf(op, `response ${status}`), `response-${kind}-status-added`, "added");
  }
}

function diffHeaders(
  site: Site,
  op: OperationContext,
  baseRaw: unknown,
  revisionRaw: unknown,
): void {
  const before = headers(op.base, baseRaw);
  const after = headers(op.revision, revisionRaw);
  for (const [name, header] of before) {
    const next = after.get(name);
    if (!next) {
      const id =
        header.required === true
          ? "required-response-header-removed"
          : "optional-response-header-removed";
      emit(site, id, `header \`${name}\` removed`);
    } else if (header.required === true && next.required !== true) {
      emit(site, "response-header-became-optional", `header \`${name}\` became optional`);
    }
  }
  for (const name of after.keys()) {
    if (!before.has(name)) emit(site, "response-header-added", `header \`${name}\` added`);
  }
}

/** Response headers by lower-cased name (HTTP header names are case-insensitive). */
function headers(resolver: RefResolver, raw: unknown): Map<string, Record<string, unknown>> {
  return new Map(
    Object.entries(asObject(raw)).map(([name, header]) => [
      name.toLowerCase(),
      resolver.resolve(header).node,
    ]),
  );
}
