import { readFileSync } from "node:fs";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// Both packages are CommonJS; under NodeNext the default import may be the module namespace.
type AjvClass = typeof Ajv2020Module.default;
type AddFormats = typeof addFormatsModule.default;
const Ajv2020: AjvClass =
  (Ajv2020Module as unknown as { default?: AjvClass }).default ??
  (Ajv2020Module as unknown as AjvClass);
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

type Json = Record<string, unknown>;

/** The outcome of validating one response against the spec. */
export interface SpecCheck {
  valid: boolean;
  /** Ajv's messages (instance path + message), empty when valid. */
  errors: string[];
}

const SPEC_ID = "https://kubeadapt.test/openapi.json";
const spec = JSON.parse(
  readFileSync(new URL("../../generated/openapi.json", import.meta.url), "utf8"),
) as Json & { paths: Record<string, Record<string, Json>> };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

function deref(obj: Json): { node: Json; ptr?: string } {
  const ref = obj.$ref;
  if (typeof ref !== "string") return { node: obj };
  const parts = ref
    .replace(/^#\//, "")
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = spec;
  for (const part of parts) node = (node as Json)[part];
  return { node: node as Json, ptr: ref.replace(/^#\//, "") };
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Spec path templates, e.g. `/v1/workloads/{workload_uid}`. */
export const specPaths: string[] = Object.keys(spec.paths);

/** The spec path template a concrete path matches, or undefined. */
export function templateFor(pathname: string): string | undefined {
  return specPaths.find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname));
}

/**
 * Validates a response body (and its `Retry-After` header, when declared) against the
 * response the spec documents for this operation and status, with Ajv's 2020-12 build.
 */
export function validateAgainstSpec(
  template: string,
  status: number,
  body: unknown,
  headers?: Headers,
  method = "get",
): SpecCheck {
  const op = spec.paths[template]?.[method.toLowerCase()] as Json | undefined;
  if (!op) return { valid: false, errors: [`no operation ${method.toUpperCase()} ${template}`] };
  const responses = op.responses as Record<string, Json>;
  const raw = responses[String(status)];
  if (!raw) return { valid: false, errors: [`status ${status} is not documented for ${template}`] };
  const { node: response, ptr } = deref(raw);
  const base = ptr ?? pointer("paths", template, method.toLowerCase(), "responses", String(status));
  const key = `${base}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({
      $ref: `${SPEC_ID}#/${base}/content/${pointer("application/json")}/schema`,
    });
    validators.set(key, validate);
  }
  const errors: string[] = [];
  if (!validate(body)) {
    for (const e of validate.errors ?? [])
      errors.push(`${e.instancePath || "/"} ${e.message ?? ""}`);
  }
  const declared = (response.headers ?? {}) as Record<string, Json>;
  for (const name of Object.keys(declared)) {
    const value = headers?.get(name);
    if (value == null) continue;
    const schema = deref(declared[name] as Json).node.schema as Json;
    const n = Number(value);
    if (
      schema.type === "integer" &&
      !(/^[0-9]+$/.test(value) && n >= ((schema.minimum as number) ?? 0))
    ) {
      errors.push(`header ${name}: ${value} is not a non-negative integer`);
    }
  }
  return { valid: errors.length === 0, errors };
}
