import { spec } from "../../spec/document.js";
import {
  type CheckContext,
  type CheckOutcome,
  type ContractCheck,
  prefer,
  skip,
} from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import type { Probe } from "../probe.js";
import { tamperings } from "../tamper.js";

const LIMIT = 2;

/**
 * A cursor for `/v1/workloads?limit=2`, or what the check ends with when there is none: nothing
 * more when the request failed (a violation already), else a skip that says why.
 */
async function firstCursor(probe: Probe): Promise<{ cursor: string } | { end: CheckOutcome }> {
  const ex = await probe.get("/v1/workloads", { params: { query: { limit: LIMIT } } });
  if (!expectStatus(probe, ex, 200)) return { end: undefined };
  const { next_cursor: cursor, has_more } = ex.body?.meta?.pagination ?? {};
  if (typeof cursor === "string" && cursor !== "") return { cursor };
  // has_more with no cursor is no short list: say so, not "at most 2 items" (full-walks fails it).
  return {
    end: skip(
      has_more === true
        ? `${ex.label} says has_more but gives no next_cursor: no cursor to test with`
        : `/v1/workloads has at most ${LIMIT} items: no page 2, so no cursor to test with`,
    ),
  };
}

/** Check 2: a modified cursor is 400 INVALID_CURSOR. */
export const invalidCursor: ContractCheck = {
  id: "invalid-cursor",
  title: "a modified cursor is 400 INVALID_CURSOR",
  async run({ probe, mode }) {
    if (mode === "mock") {
      const ex = await probe.get(
        "/v1/workloads",
        { params: { query: { limit: LIMIT, cursor: "modified-cursor" } } },
        { headers: prefer(400, "invalid_cursor") },
      );
      expectError(probe, ex, { status: 400, code: "INVALID_CURSOR" });
      return undefined;
    }
    const first = await firstCursor(probe);
    if ("end" in first) return first.end;
    const { cursor } = first;
    for (const bad of [...tamperings(cursor), "not-a-cursor"]) {
      const ex = await probe.get("/v1/workloads", {
        params: { query: { limit: LIMIT, cursor: bad } },
      });
      expectError(probe, ex, { status: 400, code: "INVALID_CURSOR" });
    }
    // The control: the cursor as issued still works, so the 400s were about the change.
    const ex = await probe.get("/v1/workloads", { params: { query: { limit: LIMIT, cursor } } });
    expectStatus(probe, ex, 200);
    return undefined;
  },
};

const workloadKinds = (spec.components.schemas?.WorkloadKind?.enum ?? []) as string[];

/** Check 3a: a cursor reused with another limit, filter or cost_mode is 410 query_changed. */
export const cursorQueryChanged: ContractCheck = {
  id: "cursor-query-changed",
  title:
    "a cursor reused with another limit, filter or cost_mode is 410 CURSOR_EXPIRED query_changed",
  async run({ probe, mode }) {
    const expected = { status: 410, code: "CURSOR_EXPIRED", reason: "query_changed" };
    if (mode === "mock") {
      const ex = await probe.get(
        "/v1/workloads",
        { params: { query: { limit: 3, cursor: "cursor-from-limit-2" } } },
        { headers: prefer(410, "query_changed") },
      );
      expectError(probe, ex, expected);
      return undefined;
    }
    const first = await firstCursor(probe);
    if ("end" in first) return first.end;
    const { cursor } = first;
    const kind = workloadKinds[0] as "Deployment";
    const changed = [
      { limit: LIMIT + 1, cursor },
      { limit: LIMIT, kind, cursor },
      { limit: LIMIT, cost_mode: "direct" as const, cursor },
    ];
    for (const query of changed) {
      expectError(probe, await probe.get("/v1/workloads", { params: { query } }), expected);
    }
    // The control: the same query still works, so the 410s were about the change.
    const same = await probe.get("/v1/workloads", { params: { query: { limit: LIMIT, cursor } } });
    expectStatus(probe, same, 200);
    return undefined;
  },
};

/** Check 3b: a cursor older than 24 hours is 410 expired. */
export const cursorExpired: ContractCheck = {
  id: "cursor-expired",
  title: "a cursor older than 24 hours is 410 CURSOR_EXPIRED expired; page 1 then works",
  async run(ctx) {
    const { probe, mode, hooks } = ctx;
    const expected = EXPIRED;
    if (mode === "mock") {
      const ex = await probe.get(
        "/v1/workloads",
        { params: { query: { limit: LIMIT, cursor: "day-old-cursor" } } },
        { headers: prefer(410, "expired") },
      );
      expectError(probe, ex, expected);
      return undefined;
    }
    if (!hooks.expireCursors) return checkSavedCursors(ctx);
    const first = await firstCursor(probe);
    if ("end" in first) return first.end;
    const { cursor } = first;
    await hooks.expireCursors();
    const ex = await probe.get("/v1/workloads", { params: { query: { limit: LIMIT, cursor } } });
    expectError(probe, ex, expected);
    const restart = await probe.get("/v1/workloads", { params: { query: { limit: LIMIT } } });
    expectStatus(probe, restart, 200);
    return undefined;
  },
};

const EXPIRED = { status: 410, code: "CURSOR_EXPIRED", reason: "expired" };
const DAY_MS = 24 * 60 * 60 * 1000;
const SAVED_CHECKED = 10;

/** Live without a hook: cursors an earlier run saved, if at least a day old, must be expired. */
async function checkSavedCursors({
  probe,
  expiredCursors = [],
}: CheckContext): Promise<CheckOutcome> {
  if (expiredCursors.length === 0) {
    return skip(
      "a live cursor expires only after 24 hours: give cursors saved by a run at least 24 h ago (--save-cursors FILE, then --expired-cursors FILE; or expiredCursors), or hooks.expireCursors",
    );
  }
  const now = Date.now();
  const old = expiredCursors.filter((c) => now - Date.parse(c.savedAt) >= DAY_MS);
  if (old.length === 0) {
    const newest = Math.max(...expiredCursors.map((c) => Date.parse(c.savedAt)));
    const hours = Number.isNaN(newest)
      ? "an unknown number of"
      : ((now - newest) / 3_600_000).toFixed(1);
    return skip(
      `the saved cursors are ${hours} hours old; a cursor expires after 24 h, so check them from ${new Date(newest + DAY_MS).toISOString()}`,
    );
  }
  if (old.length < expiredCursors.length) {
    probe.note(
      `${expiredCursors.length - old.length} saved cursors are younger than 24 h: not checked`,
    );
  }
  for (const saved of old.slice(0, SAVED_CHECKED)) {
    const query = { ...saved.query, cursor: saved.cursor };
    const ex = await probe.get(saved.path as "/v1/workloads", { params: { query } } as never);
    expectError(probe, ex, EXPIRED);
  }
  return undefined;
}
