import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { type JsonObject, pointer, resolveRef, responseOf, spec } from "../spec/document.js";
import { isRfc3339DateTime } from "./date-time.js";

export { specPaths, templateFor } from "../spec/document.js";

// Both packages are CommonJS; under NodeNext the default import may be the module namespace.
type AjvClass = typeof Ajv2020Module.default;
type AddFormats = typeof addFormatsModule.default;
const Ajv2020: AjvClass =
  (Ajv2020Module as unknown as { default?: AjvClass }).default ??
  (Ajv2020Module as unknown as AjvClass);
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats);

/** The outcome of validating one value against the spec. */
export interface SpecCheck {
  valid: boolean;
  /** Ajv's messages (instance path + message), empty when valid. */
  errors: string[];
}

const SPEC_ID = "https://kubeadapt.test/openapi.json";

// One Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) over the whole document: every
// schema is compiled by pointer into it, so `$ref`s resolve as the spec wrote them.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// ajv-formats' date-time takes a space for the `T` (`2026-05-21 10:30:00Z`); the spec's
// `format: date-time` is RFC 3339's, which clients parse strictly.
ajv.addFormat("date-time", { type: "string", validate: isRfc3339DateTime });
ajv.addSchema({ ...spec, $id: SPEC_ID });

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/**
 * Validates `value` against the schema at a JSON pointer of the bundled spec (without `#/`,
 * e.g. `components/schemas/Money`).
 */
export function validateAt(schemaPointer: string, value: unknown): SpecCheck {
  let validate = validators.get(schemaPointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#/${schemaPointer}` });
    validators.set(schemaPointer, validate);
  }
  if (validate(value)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
  );
  return { valid: false, errors };
}

/**
 * Validates a response body (and its declared headers, when sent) against the response the
 * spec documents for this operation and status, with Ajv's 2020-12 build. An undocumented
 * status or operation is an error.
 */
export function validateAgainstSpec(
  template: string,
  status: number,
  body: unknown,
  headers?: Headers,
  method = "get",
): SpecCheck {
  const lower = method.toLowerCase();
  if (!spec.paths[template]?.[lower]) {
    return { valid: false, errors: [`no operation ${method.toUpperCase()} ${template}`] };
  }
  const documented = lower === "get" ? responseOf(template, status) : undefined;
  if (!documented) {
    return { valid: false, errors: [`status ${status} is not documented for ${template}`] };
  }
  const errors = validateAt(
    `${documented.pointer}/content/${pointer("application/json")}/schema`,
    body,
  ).errors;
  const declared = (documented.response.headers ?? {}) as Record<string, JsonObject>;
  for (const [name, header] of Object.entries(declared)) {
    const value = headers?.get(name);
    if (value == null) continue;
    const { node, pointer: ref } = resolveRef(header);
    const schema = node.schema as JsonObject | undefined;
    if (!schema) continue;
    const headerPointer = ref ?? `${documented.pointer}/headers/${pointer(name)}`;
    // Headers are text: a numeral is read as a number where the schema admits one.
    const parsed =
      admitsNumber(schema) && /^-?[0-9]+(\.[0-9]+)?$/.test(value.trim()) ? Number(value) : value;
    for (const error of validateAt(`${headerPointer}/schema`, parsed).errors) {
      errors.push(`header ${name}: ${JSON.stringify(value)} ${error.replace(/^\/ /, "")}`);
    }
  }
  return { valid: errors.length === 0, errors };
}

// Whether a schema (or one of its anyOf/oneOf branches) is a number or an integer.
function admitsNumber(schema: JsonObject): boolean {
  if (schema.type === "integer" || schema.type === "number") return true;
  const branches = [schema.anyOf, schema.oneOf].flatMap((b) => (Array.isArray(b) ? b : []));
  return branches.some((b) => admitsNumber(b as JsonObject));
}
