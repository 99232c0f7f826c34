import { asObject, type RefResolver, refName } from "./refs.js";

/** Keywords compared as plain values. */
const SCALARS = [
  "format",
  "enum",
  "const",
  "default",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
] as const;

/** A keyword compared as a plain value. */
export type Scalar = (typeof SCALARS)[number];

/**
 * A schema as a client sees it: `$ref`s followed, `allOf` merged into one object, and
 * nullability (`type: [x, "null"]`, 3.0's `nullable`, `anyOf: [{ $ref }, { type: "null" }]`)
 * pulled out as a flag.
 */
export interface SchemaView {
  /** Component name of the schema when it was reached through a `$ref`. */
  name?: string;
  /** Identity of the schema for the cycle guard. */
  key: string;
  /** `type` without `"null"`; empty when the schema sets no type (any value). */
  types: string[];
  nullable: boolean;
  scalars: Partial<Record<Scalar, unknown>>;
  /** Property schemas, unresolved. */
  properties: Record<string, unknown>;
  required: Set<string>;
  items?: unknown;
  /** `oneOf` / `anyOf` branches, unresolved, the `null` branch left out. */
  oneOf: unknown[];
  anyOf: unknown[];
}

const ids = new WeakMap<object, string>();
let nextId = 0;
const identity = (node: object) => {
  let id = ids.get(node);
  if (id === undefined) {
    id = `#${++nextId}`;
    ids.set(node, id);
  }
  return id;
};

/** The view of the raw schema `raw` (a schema object or a `$ref`); views are never mutated. */
export function viewSchema(resolver: RefResolver, raw: unknown): SchemaView {
  if (typeof raw !== "object" || raw === null) return buildView(resolver, raw);
  let view = resolver.views.get(raw) as SchemaView | undefined;
  if (!view) {
    view = buildView(resolver, raw);
    resolver.views.set(raw, view);
  }
  return view;
}

function buildView(resolver: RefResolver, raw: unknown): SchemaView {
  const { node, ref } = resolver.resolve(raw);
  const rawTypes = node.type === undefined ? [] : [node.type].flat().map(String);
  const view: SchemaView = {
    ...(ref ? { name: refName(ref) } : {}),
    key: ref ?? identity(node),
    types: rawTypes.filter((type) => type !== "null"),
    nullable: rawTypes.includes("null") || node.nullable === true,
    scalars: {},
    properties: { ...asObject(node.properties) },
    required: new Set(Array.isArray(node.required) ? node.required.map(String) : []),
    ...(node.items === undefined ? {} : { items: node.items }),
    oneOf: [],
    anyOf: [],
  };
  for (const keyword of SCALARS) {
    if (node[keyword] !== undefined) view.scalars[keyword] = node[keyword];
  }
  for (const branch of Array.isArray(node.allOf) ? node.allOf : []) {
    mergeInto(view, viewSchema(resolver, branch));
  }
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : [];
    const nonNull = branches.filter((branch) => !isNullSchema(resolver, branch));
    if (nonNull.length < branches.length) view.nullable = true;
    // `anyOf: [{ $ref }, { type: "null" }]` is a nullable `$ref`: the view is the ref's.
    if (nonNull.length === 1 && branches.length === 2) {
      const inner = viewSchema(resolver, nonNull[0]);
      if (inner.name && !view.name) view.name = inner.name;
      view.key = inner.key;
      mergeInto(view, inner);
    } else {
      view[keyword] = nonNull;
    }
  }
  return view;
}

/** Merges an `allOf` branch (or a nullable ref's target) into `view`; `view`'s own keywords win. */
function mergeInto(view: SchemaView, branch: SchemaView): void {
  if (view.types.length === 0) view.types = branch.types;
  view.nullable ||= branch.nullable;
  view.scalars = { ...branch.scalars, ...view.scalars };
  view.properties = { ...branch.properties, ...view.properties };
  for (const name of branch.required) view.required.add(name);
  if (view.items === undefined && branch.items !== undefined) view.items = branch.items;
  if (view.oneOf.length === 0) view.oneOf = branch.oneOf;
  if (view.anyOf.length === 0) view.anyOf = branch.anyOf;
}

function isNullSchema(resolver: RefResolver, raw: unknown): boolean {
  const { node } = resolver.resolve(raw);
  return node.type === "null" || (Array.isArray(node.type) && node.type.join() === "null");
}
