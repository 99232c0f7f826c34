import type { CostMode } from "../types.js";
import { badRequest } from "./respond.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?[0-9]+$/;

/** The spec's cost modes. */
export const COST_MODES: readonly CostMode[] = ["fully_loaded", "direct"];

/**
 * Reads and validates a request's query parameters the way the spec declares them; every
 * problem throws a 400 `BAD_REQUEST` whose `details[0].field` names the parameter.
 */
export class Query {
  constructor(readonly params: URLSearchParams) {}

  /** The single value of a parameter; a repeated parameter is a 400. */
  get(name: string): string | undefined {
    const all = this.params.getAll(name);
    if (all.length > 1) throw badRequest(name, "duplicate", `${name} must be given at most once`);
    return all[0];
  }

  /** An integer parameter within [min, max], or its default when absent. */
  integer(name: string, min: number, max: number, fallback: number): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const range =
      max === Number.POSITIVE_INFINITY ? `at least ${min}` : `between ${min} and ${max}`;
    const message = `${name} must be an integer ${range}`;
    if (!INTEGER.test(raw)) throw badRequest(name, "invalid", message);
    const n = Number(raw);
    if (n < min || n > max) throw badRequest(name, "out_of_range", message);
    return n;
  }

  /** `limit`: 1..500, default 100. */
  limit(): number {
    return this.integer("limit", 1, 500, 100);
  }

  /** A boolean parameter (`true` or `false`), false when absent. */
  boolean(name: string): boolean {
    const raw = this.get(name);
    if (raw === undefined || raw === "false") return false;
    if (raw === "true") return true;
    throw badRequest(name, "invalid", `${name} must be true or false`);
  }

  /** A parameter restricted to the given values. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    if (!(values as readonly string[]).includes(raw)) {
      throw badRequest(name, "invalid", `must be one of ${values.join(", ")}`);
    }
    return raw as T;
  }

  /** `cost_mode`, default `fully_loaded`. */
  costMode(): CostMode {
    return this.oneOf("cost_mode", COST_MODES) ?? "fully_loaded";
  }

  /** A parameter that must be a UUID. */
  uuid(name: string): string | undefined {
    const raw = this.get(name);
    if (raw !== undefined && !UUID.test(raw))
      throw badRequest(name, "invalid", `${name} must be a UUID`);
    return raw?.toLowerCase();
  }

  /** A `YYYY-MM-DD` calendar date, as epoch milliseconds of its UTC midnight. */
  date(name: string): number | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const ms = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(raw)
      ? Date.parse(`${raw}T00:00:00Z`)
      : Number.NaN;
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== raw) {
      throw badRequest(name, "invalid", `${name} must be a date (YYYY-MM-DD)`);
    }
    return ms;
  }

  /** Rejects a parameter this operation does not accept (used for `cost_mode`). */
  reject(name: string, why: string): void {
    if (this.params.has(name)) throw badRequest(name, "unsupported", why);
  }
}

/** Validates a path parameter that the spec declares as a UUID (400 naming it otherwise). */
export function pathUuid(name: string, raw: string): string {
  if (!UUID.test(raw)) throw badRequest(name, "invalid", `${name} must be a UUID`);
  return raw.toLowerCase();
}
