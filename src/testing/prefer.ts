import { type JsonObject, resolveRef, responseOf } from "../spec/document.js";
import { namedExamples } from "../spec/named-examples.js";
import { ApiError, type FakeResult, JSON_HEADERS } from "./respond.js";

/** What a `Prefer` header asks for, as Prism reads it: `code=<status>[, example=<name>]`. */
interface Preference {
  code: number;
  example?: string;
}

/** The `code=` (and `example=`) a `Prefer` header asks for, or undefined when it names no code. */
function parsePrefer(header: string | null): Preference | undefined {
  if (!header) return undefined;
  const pairs = new Map(
    header.split(/[,;]/).map((part) => {
      const [key = "", value = ""] = part.split("=", 2).map((s) => s.trim());
      return [key.toLowerCase(), value.replace(/^"(.*)"$/, "$1")] as const;
    }),
  );
  const code = pairs.get("code");
  if (code === undefined || !/^[1-5][0-9]{2}$/.test(code)) return undefined;
  const example = pairs.get("example");
  return example ? { code: Number(code), example } : { code: Number(code) };
}

/** Whether a `Prefer` header selects a response (names a `code=`). */
export function selectsResponse(header: string | null): boolean {
  return parsePrefer(header) !== undefined;
}

// Built once, on the first Prefer a fake honours.
let byOperation: Map<string, { name: string; value: unknown }[]> | undefined;

function examplesOf(template: string, status: number): { name: string; value: unknown }[] {
  if (!byOperation) {
    byOperation = new Map();
    for (const e of namedExamples()) {
      const key = `${e.path} ${e.status}`;
      byOperation.set(key, [...(byOperation.get(key) ?? []), { name: e.name, value: e.value }]);
    }
  }
  return byOperation.get(`${template} ${status}`) ?? [];
}

/** A documented header's example value (`example`, `examples`, or its schema's), if any. */
function headerExample(header: JsonObject): string | undefined {
  const node = resolveRef(header).node;
  const schema = (node.schema ?? {}) as JsonObject;
  const named = Object.values((node.examples ?? {}) as Record<string, JsonObject>)[0];
  const value =
    node.example ??
    (named && resolveRef(named).node.value) ??
    (Array.isArray(schema.examples) ? schema.examples[0] : schema.example);
  return value === undefined ? undefined : String(value);
}

/**
 * The documented response a `Prefer: code=<status>[, example=<name>]` header selects for the
 * operation `template`, as a Prism mock serves it: that status, the named example's body (the
 * first example of that status when no name is given) and every documented header with its
 * example value, except `X-Request-Id`, which echoes the body's `meta.request_id` as the spec
 * requires (Prism cannot). Undefined when the request carries no such header. A status or
 * example the spec does not document is a 500 `INTERNAL_ERROR` naming what was asked for.
 */
export function preferredResult(template: string, prefer: string | null): FakeResult | undefined {
  const wanted = parsePrefer(prefer);
  if (!wanted) return undefined;
  const examples = examplesOf(template, wanted.code);
  const example = wanted.example ? examples.find((e) => e.name === wanted.example) : examples[0];
  if (!example) {
    const what = wanted.example ? `example ${wanted.example} of ${wanted.code}` : wanted.code;
    throw new ApiError(500, "INTERNAL_ERROR", `Prefer: ${what} is not documented for ${template}`);
  }
  const headers: Record<string, string> = { ...JSON_HEADERS };
  const documented = (responseOf(template, wanted.code)?.response.headers ?? {}) as Record<
    string,
    JsonObject
  >;
  for (const [name, header] of Object.entries(documented)) {
    const value = headerExample(header);
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const id = (example.value as { meta?: { request_id?: unknown } } | null)?.meta?.request_id;
  if (typeof id === "string") headers["x-request-id"] = id;
  return { status: wanted.code, headers, body: JSON.stringify(example.value) };
}
