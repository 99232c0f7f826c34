import { type JsonObject, resolveRef, responseOf } from "../spec/document.js";

/** A field of the items a GET path returns, as a dotted path, e.g. `metadata.cluster.name`. */
export interface ItemField {
  path: string;
  /** A `Money` object (`{ amount, currency }`): shown as its exact decimal string. */
  money: boolean;
  /** A `const` (e.g. `kind: "Workload"`): the same in every item. */
  constant: boolean;
}

/**
 * The leaf fields of one item of a GET path's `data` (of the list's items for a list), read
 * from the 200 response's schema in the bundled spec; `Money` objects count as leaves.
 * @returns an empty list when the schema does not describe `data` as objects
 */
export function itemFields(template: string): ItemField[] {
  const resolved = dataSchema(template);
  if (!resolved) return [];
  const item = resolved.type === "array" ? (resolved.items as JsonObject) : resolved;
  const fields: ItemField[] = [];
  collect(item, "", fields);
  return fields;
}

/**
 * Whether a GET path's `data` is a list in the spec (a list page, or an unpaginated list such
 * as a cluster's node groups) or one object.
 * @returns undefined when the spec's 200 response does not describe `data`
 */
export function dataIsList(template: string): boolean | undefined {
  const data = dataSchema(template);
  return data && data.type === "array";
}

// The schema of `data` in the 200 response of a GET path, `$ref` resolved.
function dataSchema(template: string): JsonObject | undefined {
  const response = responseOf(template, 200)?.response;
  const content = response?.content as Record<string, { schema?: JsonObject }> | undefined;
  const body = content?.["application/json"]?.schema;
  const data = body && propertiesOf(body).data;
  return data && resolveRef(data).node;
}

function collect(schema: JsonObject, prefix: string, out: ItemField[]): void {
  const { node, pointer } = resolveRef(schema);
  const properties = propertiesOf(node);
  const names = Object.keys(properties);
  const money = pointer?.endsWith("/Money") ?? false;
  if (names.length === 0 || money) {
    if (prefix) out.push({ path: prefix, money, constant: "const" in node });
    return;
  }
  for (const name of names) {
    collect(properties[name] as JsonObject, prefix ? `${prefix}.${name}` : name, out);
  }
}

// An object's properties, merged across `allOf` (how the spec composes its resources).
function propertiesOf(schema: JsonObject): Record<string, JsonObject> {
  const node = resolveRef(schema).node;
  const merged = { ...((node.properties as Record<string, JsonObject> | undefined) ?? {}) };
  for (const part of (node.allOf as JsonObject[] | undefined) ?? []) {
    Object.assign(merged, propertiesOf(part));
  }
  return merged;
}
