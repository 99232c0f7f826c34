import { type CheckContext, type CheckOutcome, skip } from "../context.js";
import { ageOf, CHECKED_FROM_MS } from "../cursor-age.js";
import { expectError } from "../expect.js";
import type { Exchange, Probe } from "../probe.js";

/** What a cursor older than 24 hours must get. */
export const EXPIRED = { status: 410, code: "CURSOR_EXPIRED", reason: "expired" };
const SAVED_CHECKED = 10;
const CHECKED_FROM = "24 h 15 min";

// The spec is silent on key rotation; we assume a server may sign cursors with a key it later
// rotates, and then cannot tell an old cursor from a forged one: 400 INVALID_CURSOR. That says
// nothing about expiry, so it is neither a pass nor a violation (docs/guides/contract.md).
const ROTATED =
  "the target may have rotated the key that signs its cursors since they were saved, which makes an old cursor invalid before it can be seen to expire";

const isError = (ex: Exchange, status: number, code: string) =>
  ex.status === status && ex.body?.error?.code === code;

/** The resource a nested list's path belongs to: `/v1/workloads/<uid>` of its pods. */
const parentOf = (path: string) => /^(\/v1\/[^/]+\/[^/]+)\/[^/]+$/.exec(path)?.[1];

/**
 * Whether `ex`, a 404 NOT_FOUND to a saved cursor of a nested list, is explained by its parent
 * being gone (deleted since the cursor was saved: the nested list went with it), which a 404
 * for the parent itself shows. A note names it; such an answer says nothing about expiry.
 */
async function parentGone(probe: Probe, path: string, ex: Exchange): Promise<boolean> {
  const parent = parentOf(path);
  if (!parent || !isError(ex, 404, "NOT_FOUND")) return false;
  const read = await probe.get(parent as "/v1/workloads/{workload_uid}", {} as never);
  if (!isError(read, 404, "NOT_FOUND")) return false;
  probe.note(
    `${path}: 404 NOT_FOUND, and its parent ${parent} is 404 too: not judged (a resource deleted since the cursor was saved takes its nested lists with it)`,
  );
  return true;
}

/** Why there is no cursor to judge: none given, or `from` (a file, the option) holds none. */
function noCursors(from: string | undefined): CheckOutcome {
  if (from === undefined) {
    return skip(
      "a live cursor expires only after 24 hours: give cursors saved by a run over 24 h 15 min ago (--save-cursors FILE, then --expired-cursors FILE; or expiredCursors), or hooks.expireCursors",
    );
  }
  return skip(
    `${from} holds no cursor: the run that saved them saw none (it walked no list) and was handed none to keep; expiry is unchecked until a run saves some`,
  );
}

/**
 * `cursor-expired` in live mode without a hook: cursors an earlier run saved, once older than
 * 24 h and a margin for clock skew, must be 410 `expired`. A 400 `INVALID_CURSOR` is not judged
 * (the key may have rotated), nor a 404 for a nested list whose parent is gone: a note names
 * them, and a skip says so when no cursor could be judged.
 */
export async function checkSavedCursors({
  probe,
  expiredCursors,
  expiredCursorsFrom,
}: CheckContext): Promise<CheckOutcome> {
  if (expiredCursors === undefined) return noCursors(undefined);
  if (expiredCursors.length === 0) return noCursors(expiredCursorsFrom ?? "expiredCursors");
  const now = Date.now();
  const old = expiredCursors.filter((c) => ageOf(c, now) >= CHECKED_FROM_MS);
  if (old.length === 0) {
    const newest = Math.max(...expiredCursors.map((c) => Date.parse(c.savedAt)));
    const hours = Number.isNaN(newest)
      ? "an unknown number of"
      : ((now - newest) / 3_600_000).toFixed(1);
    return skip(
      `the saved cursors are ${hours} hours old; a cursor expires after 24 h, and is checked from ${CHECKED_FROM} (a margin for clock skew), so check them from ${new Date(newest + CHECKED_FROM_MS).toISOString()}`,
    );
  }
  if (old.length < expiredCursors.length) {
    probe.note(
      `${expiredCursors.length - old.length} saved cursors are younger than ${CHECKED_FROM}: not checked (handed on in the report's cursors)`,
    );
  }
  // The youngest of the old enough first: the closest to 24 h tell the most about expiry.
  const checked = [...old].sort((a, b) => ageOf(a, now) - ageOf(b, now)).slice(0, SAVED_CHECKED);
  if (checked.some((c) => c.baseUrl === undefined)) {
    probe.note(
      "the saved cursors do not say which base URL issued them (saved before it was recorded: a version 1 --save-cursors file): they were taken to come from this one; save them again to have that checked",
    );
  }
  let invalid = 0;
  let gone = 0;
  for (const saved of checked) {
    const query = { ...saved.query, cursor: saved.cursor };
    const ex = await probe.get(saved.path as "/v1/workloads", { params: { query } } as never);
    if (isError(ex, 400, "INVALID_CURSOR")) invalid++;
    else if (await parentGone(probe, saved.path, ex)) gone++;
    else expectError(probe, ex, EXPIRED);
  }
  if (invalid === checked.length) {
    return skip(
      `every saved cursor checked (${invalid}) got 400 INVALID_CURSOR, not 410 expired: ${ROTATED}; expiry is unchecked until cursors saved since then are a day old`,
    );
  }
  if (invalid + gone === checked.length) {
    const rotated = invalid > 0 ? `, and ${invalid} got 400 INVALID_CURSOR (${ROTATED})` : "";
    return skip(
      `no saved cursor could be judged: ${gone} got 404 NOT_FOUND for a parent deleted since they were saved${rotated}`,
    );
  }
  if (invalid > 0) {
    probe.note(
      `${invalid} of ${checked.length} saved cursors got 400 INVALID_CURSOR, not judged: ${ROTATED}`,
    );
  }
  return undefined;
}
