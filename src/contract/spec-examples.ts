import { type JsonObject, pointer, resolveRef, spec } from "../spec/document.js";

/** An example written anywhere in the spec, and the schema it illustrates. */
export interface SpecExample {
  /** Where the example is written (a JSON pointer without `#/`). */
  at: string;
  /** The example value. */
  value: unknown;
  /** Pointer (without `#/`) of the schema the example must validate against. */
  schemaPointer: string;
}

/**
 * Every example in the document: JSON Schema `examples` arrays (and `example` values) inside
 * schemas, and the named `examples` (and `example`) of media types, parameters and headers,
 * each paired with the schema it must satisfy. `$ref`ed examples are resolved.
 */
export function specExamples(): SpecExample[] {
  const out: SpecExample[] = [];
  const visit = (node: unknown, at: string[]): void => {
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) visit(child, [...at, String(i)]);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const obj = node as JsonObject;
    const here = pointer(...at);
    // In a `properties` map the keys are names: a property called `schema` or `examples` is
    // a schema, not an OpenAPI keyword.
    const isPropertyMap = at[at.length - 1] === "properties";
    if (!isPropertyMap && "schema" in obj && typeof obj.schema === "object") {
      // A media type, parameter or header: its examples illustrate its `schema`.
      const schemaPointer = `${here}/schema`;
      if (obj.examples && typeof obj.examples === "object" && !Array.isArray(obj.examples)) {
        for (const [name, example] of Object.entries(obj.examples as Record<string, JsonObject>)) {
          out.push({
            at: `${here}/${pointer("examples", name)}`,
            value: resolveRef(example).node.value,
            schemaPointer,
          });
        }
      }
      if ("example" in obj) out.push({ at: `${here}/example`, value: obj.example, schemaPointer });
    } else if (!isPropertyMap) {
      if (Array.isArray(obj.examples)) {
        obj.examples.forEach((value, i) => {
          out.push({ at: `${here}/examples/${i}`, value, schemaPointer: here });
        });
      }
      if ("example" in obj && looksLikeSchema(obj)) {
        out.push({ at: `${here}/example`, value: obj.example, schemaPointer: here });
      }
    }
    for (const [key, child] of Object.entries(obj)) {
      // Examples are data, not spec structure: do not look for examples inside them.
      if (key === "examples" || key === "example") continue;
      visit(child, [...at, key]);
    }
  };
  visit(spec, []);
  return out;
}

const SCHEMA_KEYWORDS = ["type", "properties", "$ref", "allOf", "anyOf", "oneOf", "enum", "const"];

function looksLikeSchema(node: JsonObject): boolean {
  return SCHEMA_KEYWORDS.some((k) => k in node);
}
