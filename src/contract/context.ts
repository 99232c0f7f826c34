import type { GetPath } from "../index.js";
import { expectStatus } from "./expect.js";
import type { Ids } from "./families.js";
import type { Probe } from "./probe.js";
import type { ContractHooks, ContractMode, SavedCursor } from "./types.js";

/** What a check receives. */
export interface CheckContext {
  probe: Probe;
  mode: ContractMode;
  hooks: ContractHooks;
  walkLimit: number;
  maxWalkPages: number;
  /** Cursors an earlier run saved, to check that they expired (`ContractOptions.expiredCursors`). */
  expiredCursors?: readonly SavedCursor[] | undefined;
  /** Where `expiredCursors` were read from (`ContractOptions.expiredCursorsFrom`). */
  expiredCursorsFrom?: string | undefined;
  /** Seed of the check's random choices (`ContractOptions.seed`). */
  seed: number;
}

/** A check returns nothing when it ran, or why it could not run. */
export type CheckOutcome = undefined | { skip: string };

/** One contract check. */
export interface ContractCheck {
  /** Stable id, e.g. `limit-bounds`. */
  id: string;
  /** What it asserts, in one line. */
  title: string;
  run(context: CheckContext): Promise<CheckOutcome>;
}

/** A skip outcome. */
export const skip = (reason: string): CheckOutcome => ({ skip: reason });

/** The skip of a check that needs state (walks, filters, ids) which a Prism mock has not. */
export const needsLiveTarget = (): CheckOutcome =>
  skip("Prism answers from examples, not from state: needs a live target");

/** The `Prefer` header that makes Prism serve a documented response. */
export function prefer(status: number, example?: string): Record<string, string> {
  return { Prefer: example ? `code=${status}, example=${example}` : `code=${status}` };
}

/** An id of no resource: a fresh random v4 UUID, so that no real resource has it. */
export function unknownId(): string {
  return globalThis.crypto.randomUUID();
}

/** A token no server issued: API-key-shaped (`ka_live_…`), fresh and random. */
export function unknownToken(): string {
  return `ka_live_${unknownId().replace(/-/g, "")}`;
}

const PARENTS: [keyof Ids, GetPath][] = [
  ["cluster", "/v1/clusters"],
  ["workload", "/v1/workloads"],
  ["team", "/v1/teams"],
  ["department", "/v1/departments"],
  ["namespace", "/v1/namespaces"],
  ["recommendation", "/v1/recommendations"],
];

/**
 * Ids to fill path parameters with: the first item of each parent list (page 1, limit 5).
 * An id is missing when its list is empty or failed (a violation of the check that asked).
 */
export async function discoverIds(probe: Probe): Promise<Ids> {
  const ids: Ids = {};
  for (const [key, path] of PARENTS) {
    const ex = await probe.get(path as "/v1/clusters", { params: { query: { limit: 5 } } });
    // A list that fails is a violation, not an empty one (whose checks would pass with a note).
    if (!expectStatus(probe, ex, 200)) continue;
    const first = Array.isArray(ex.body?.data) ? ex.body.data[0] : undefined;
    if (typeof first?.id === "string") ids[key] = first.id;
  }
  return ids;
}
