import type { Random } from "../internal/prng.js";
import type { SpecParameter } from "../spec/document.js";
import { schemaOf } from "./spec-lists.js";

/** A value that breaks a parameter's schema, and how. */
export interface BadValue {
  value: string;
  /** e.g. `not an integer`. */
  why: string;
}

type Schema = Record<string, unknown>;

function integerBad(schema: Schema): BadValue[] {
  const out: BadValue[] = [
    { value: "2.5", why: "not an integer" },
    { value: "20abc", why: "not a number" },
    { value: "abc", why: "not a number" },
  ];
  // Not `1e2` or `0x10`: the spec does not say digits only, and common parsers (JavaScript's
  // Number, Ajv's coerceTypes in Fastify) read them as the integers 100 and 16.
  if (typeof schema.minimum === "number")
    out.push({ value: String(schema.minimum - 1), why: `below minimum ${schema.minimum}` });
  if (typeof schema.maximum === "number")
    out.push({ value: String(schema.maximum + 1), why: `above maximum ${schema.maximum}` });
  return out;
}

function stringBad(schema: Schema): BadValue[] {
  if (Array.isArray(schema.enum)) {
    const first = String(schema.enum[0]);
    const out = [{ value: "not_in_enum", why: "not in the enum" }];
    const shouted = first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase();
    if (!schema.enum.includes(shouted)) out.push({ value: shouted, why: "not in the enum (case)" });
    return out;
  }
  if (schema.format === "uuid") {
    return [
      { value: "not-a-uuid", why: "not a UUID" },
      { value: "12345", why: "not a UUID" },
      { value: "3f2504e0-4f89-11d3-9a0c-0305e82c330", why: "not a UUID (one digit short)" },
    ];
  }
  if (schema.format === "date") {
    return [
      { value: "2026-13-01", why: "not a date (month 13)" },
      { value: "2026-02-30", why: "not a date (February 30)" },
      { value: "20260501", why: "not a YYYY-MM-DD date" },
    ];
  }
  return [];
}

/**
 * Values that break the parameter's schema: wrong type, non-integers (`2.5`, `20abc`), out of
 * range, not in the enum, bad UUID or date, and the empty value where the schema refuses it.
 * A path parameter never gets the empty value (it would change the path, not the parameter).
 */
export function badValues(param: SpecParameter): BadValue[] {
  const schema = schemaOf(param);
  let out: BadValue[];
  if (schema.type === "integer") out = integerBad(schema);
  else if (schema.type === "boolean")
    out = [
      { value: "yes", why: "not a boolean" },
      { value: "1", why: "not true or false" },
    ];
  else out = stringBad(schema);
  const refusesEmpty =
    schema.type !== "string" ||
    Array.isArray(schema.enum) ||
    typeof schema.format === "string" ||
    (typeof schema.minLength === "number" && schema.minLength > 0);
  if (param.in === "query" && refusesEmpty) out.push({ value: "", why: "empty" });
  return out;
}

/**
 * Values the schema accepts, from the schema alone: the bounds and default of an integer, both
 * booleans, every enum value, a random UUID, the schema's examples. Empty when only the server
 * can supply one (a cursor, an id that must exist).
 */
export function goodValues(param: SpecParameter, rand: Random): string[] {
  const schema = schemaOf(param);
  if (schema.type === "integer") {
    const values = [schema.minimum, schema.maximum, schema.default].filter(
      (v): v is number => typeof v === "number",
    );
    if (typeof schema.maximum !== "number" && typeof schema.minimum === "number")
      values.push(schema.minimum + 1);
    return [...new Set(values)].map(String);
  }
  if (schema.type === "boolean") return ["true", "false"];
  if (Array.isArray(schema.enum)) return schema.enum.map(String);
  if (param.in === "path" || param.name === "cursor") return [];
  if (schema.format === "uuid") return [randomUuid(rand)];
  return Array.isArray(schema.examples) ? schema.examples.map(String) : [];
}

/** A well-formed v4 UUID drawn from `rand` (so a seed repeats it). */
export function randomUuid(rand: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(rand() * 4)] as string;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
