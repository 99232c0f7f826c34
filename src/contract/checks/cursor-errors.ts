import { type CheckOutcome, type ContractCheck, prefer, skip } from "../context.js";
import { expectError, expectStatus } from "../expect.js";
import { forEachFamily } from "../family-cursors.js";
import { firstCursor } from "../first-cursor.js";
import { goneSinceListed } from "../gone.js";
import type { Exchange, Probe } from "../probe.js";
import { changeMiddle, tamperings } from "../tamper.js";
import { checkSavedCursors, EXPIRED } from "./saved-cursor-expiry.js";

const LIMIT = 2;

/** Page 1 of `/v1/workloads?limit=2`, whose cursor the cursor checks reuse. */
export const WORKLOADS_PAGE_ONE = { path: "/v1/workloads", params: { query: { limit: LIMIT } } };

/** A cursor of {@link WORKLOADS_PAGE_ONE}, or what the check ends with when there is none. */
async function workloadsCursor(
  probe: Probe,
): Promise<{ cursor: string; page: Exchange } | { end: CheckOutcome }> {
  const first = await firstCursor(probe, WORKLOADS_PAGE_ONE);
  if (first.cursor !== undefined) return first;
  return { end: first.why === undefined ? undefined : skip(first.why) };
}

/**
 * One changed-character cursor on every other cursor family, its `limit=1` query kept: each
 * family's handler may decode its cursors itself, and one that answers 500, or restarts at
 * page 1 (a client then loops), would pass a check of `/v1/workloads` alone.
 */
async function everyFamily(probe: Probe, workloads: Exchange): Promise<void> {
  await forEachFamily(probe, workloads, async ({ path, request, first }) => {
    if (first.cursor === undefined) {
      if (first.why) probe.note(`${path}: a modified cursor not checked, ${first.why}`);
      return;
    }
    const query = { ...request.params.query, cursor: changeMiddle(first.cursor) };
    const params = { path: request.params.path ?? {}, query };
    const ex = await probe.get(path as "/v1/workloads", { params } as never);
    if (await goneSinceListed(probe, ex)) return;
    expectError(probe, ex, { status: 400, code: "INVALID_CURSOR" });
  });
}

/** Check 2: a modified cursor is 400 INVALID_CURSOR, on every cursor family. */
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
    const first = await workloadsCursor(probe);
    if ("end" in first) return first.end;
    const { cursor, page } = first;
    for (const bad of [...tamperings(cursor), "not-a-cursor"]) {
      const ex = await probe.get("/v1/workloads", {
        params: { query: { limit: LIMIT, cursor: bad } },
      });
      expectError(probe, ex, { status: 400, code: "INVALID_CURSOR" });
    }
    // The control: the cursor as issued still works, so the 400s were about the change.
    const ex = await probe.get("/v1/workloads", { params: { query: { limit: LIMIT, cursor } } });
    expectStatus(probe, ex, 200);
    await everyFamily(probe, page);
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
    const first = await workloadsCursor(probe);
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
