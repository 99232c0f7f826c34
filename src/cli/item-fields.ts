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
  const response = responseOf(template, 200)?.response;
  const content = response?.content as Record<string, { schema?: JsonObject }> | undefined;
  const body = content?.["application/json"]?.schema;
  const data = body && propertiesOf(body).data;
  if (!data) return [];
  const resolved = resolveRef(data).node;
  const item = resolved.type === "array" ? (resolved.items as JsonObject) : resolved;
  const fields: ItemField[] = [];
  collect(item, "", fields);
  return fields;
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
