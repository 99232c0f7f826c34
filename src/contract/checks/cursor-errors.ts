import { spec } from "../../spec/document.js";
import { type CheckOutcome, type ContractCheck, prefer, skip } from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import type { Probe } from "../probe.js";
import { tamperings } from "../tamper.js";
import { checkSavedCursors, EXPIRED } from "./saved-cursor-expiry.js";

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
