import { type CheckContext, type CheckOutcome, skip } from "../context.js";
import { expectError } from "../expect.js";
import type { Exchange } from "../probe.js";

/** What a cursor older than 24 hours must get. */
export const EXPIRED = { status: 410, code: "CURSOR_EXPIRED", reason: "expired" };
const DAY_MS = 24 * 60 * 60 * 1000;
const SAVED_CHECKED = 10;

// The spec is silent on key rotation; we assume a server may sign cursors with a key it later
// rotates, and then cannot tell an old cursor from a forged one: 400 INVALID_CURSOR. That says
// nothing about expiry, so it is neither a pass nor a violation (docs/guides/contract.md).
const ROTATED =
  "the target may have rotated the key that signs its cursors since they were saved, which makes an old cursor invalid before it can be seen to expire";

const isInvalidCursor = (ex: Exchange) =>
  ex.status === 400 && ex.body?.error?.code === "INVALID_CURSOR";

/**
 * `cursor-expired` in live mode without a hook: cursors an earlier run saved, if at least a day
 * old, must be 410 `expired`. A 400 `INVALID_CURSOR` is not judged (the key may have rotated): a note
 * names how many got it, and a skip says so when all did.
 */
export async function checkSavedCursors({
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
  const checked = old.slice(0, SAVED_CHECKED);
  if (checked.some((c) => c.baseUrl === undefined)) {
    probe.note(
      "the saved cursors do not say which base URL issued them (saved before it was recorded: a version 1 --save-cursors file): they were taken to come from this one; save them again to have that checked",
    );
  }
  let invalid = 0;
  for (const saved of checked) {
    const query = { ...saved.query, cursor: saved.cursor };
    const ex = await probe.get(saved.path as "/v1/workloads", { params: { query } } as never);
    if (isInvalidCursor(ex)) invalid++;
    else expectError(probe, ex, EXPIRED);
  }
  if (invalid === checked.length) {
    return skip(
      `every saved cursor checked (${invalid}) got 400 INVALID_CURSOR, not 410 expired: ${ROTATED}; expiry is unchecked until cursors saved since then are a day old`,
    );
  }
  if (invalid > 0) {
    probe.note(
      `${invalid} of ${checked.length} saved cursors got 400 INVALID_CURSOR, not judged: ${ROTATED}`,
    );
  }
  return undefined;
}
