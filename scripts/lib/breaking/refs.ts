import { type Spec, SpecInputError } from "./document.js";

/** A node reached through internal `$ref`s, and the last ref followed (if any). */
export interface Resolved {
  node: Record<string, unknown>;
  ref?: string;
}

/** Follows `#/...` JSON pointers inside one document. */
export class RefResolver {
  /** Schema views already built from this document's nodes (see schema-view.ts). */
  readonly views = new WeakMap<object, unknown>();

  constructor(private readonly spec: Spec) {}

  /**
   * `node` with its `$ref` chain followed. Sibling keywords of a `$ref` (allowed in 3.1) are
   * kept over the target's. Throws on a dangling or circular chain.
   */
  resolve(node: unknown): Resolved {
    let current = asObject(node);
    let ref: string | undefined;
    const seen = new Set<string>();
    while (typeof current.$ref === "string") {
      const { $ref, ...siblings } = current;
      if (seen.has($ref)) throw new SpecInputError(`circular $ref ${$ref}`);
      seen.add($ref);
      ref = $ref;
      const target = asObject(this.pointer($ref));
      current = Object.keys(siblings).length > 0 ? { ...target, ...siblings } : target;
    }
    return ref === undefined ? { node: current } : { node: current, ref };
  }

  private pointer(ref: string): unknown {
    let node: unknown = this.spec;
    for (const raw of ref.slice(2).split("/")) {
      if (raw === "" && ref === "#/") break;
      const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
      if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) {
        throw new SpecInputError(`dangling $ref ${ref}`);
      }
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  }
}

/** `value` if it is a plain object, else an empty one (absent or malformed parts compare as empty). */
export function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The component's short name of a ref: `#/components/schemas/Cluster` -> `Cluster`. */
export function refName(ref: string): string {
  return ref
    .slice(ref.lastIndexOf("/") + 1)
    .replaceAll("~1", "/")
    .replaceAll("~0", "~");
}
