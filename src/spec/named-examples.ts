import { type JsonObject, pointer, resolveRef, responseOf, spec } from "./document.js";

/** A named example of a documented response (`content."application/json".examples.<name>`). */
export interface NamedExample {
  /** Path template of the operation, e.g. `/v1/workloads`. */
  path: string;
  /** HTTP status of the response it illustrates. */
  status: number;
  /** The example's name, as `Prefer: example=<name>` selects it. */
  name: string;
  /** The example body. */
  value: unknown;
  /** Pointer (without `#/`) of the response schema the example must validate against. */
  schemaPointer: string;
}

/** Every named example of every GET operation's responses, in spec order. */
export function namedExamples(): NamedExample[] {
  const out: NamedExample[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const status of Object.keys(item.get?.responses ?? {})) {
      const documented = responseOf(path, status);
      if (!documented) continue;
      const media = (documented.response.content as JsonObject | undefined)?.["application/json"] as
        | JsonObject
        | undefined;
      const examples = (media?.examples ?? {}) as Record<string, JsonObject>;
      for (const [name, example] of Object.entries(examples)) {
        out.push({
          path,
          status: Number(status),
          name,
          value: resolveRef(example).node.value,
          schemaPointer: `${documented.pointer}/content/${pointer("application/json")}/schema`,
        });
      }
    }
  }
  return out;
}
