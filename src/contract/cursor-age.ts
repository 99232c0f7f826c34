import { cursorTarget } from "./saved-target.js";
import type { ContractOptions, SavedCursor } from "./types.js";

/** How long a cursor lives: the spec's 24 hours. */
export const CURSOR_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * How much older than its lifetime a saved cursor must be before it is checked. The suite
 * reads a cursor's age on the runner's clock, the server on its own: a server with some leeway
 * on expiry, or a runner clock a little ahead of the one that saved the cursor, would otherwise
 * fail a correct server with a 200. Fifteen minutes is far beyond NTP drift and any sane leeway,
 * and still well inside a day.
 */
export const EXPIRY_MARGIN_MS = 15 * 60 * 1000;

/** The age from which a saved cursor is checked: its lifetime and the margin. */
export const CHECKED_FROM_MS = CURSOR_LIFETIME_MS + EXPIRY_MARGIN_MS;

/**
 * How long a saved cursor is handed on to the next run (`report.cursors`). Two lifetimes: a
 * nightly job's runs start minutes apart from one night to the next, so last night's cursors
 * may be just under {@link CHECKED_FROM_MS} old; those of the night before are then about 48 h
 * old, and every night has cursors to check.
 */
export const KEPT_FOR_MS = 2 * CURSOR_LIFETIME_MS;

/** How old a saved cursor is at `now`, in ms (`NaN` when its time does not parse). */
export const ageOf = (cursor: SavedCursor, now: number): number => now - Date.parse(cursor.savedAt);

/**
 * The given `expiredCursors` to hand on in `report.cursors`, so the next run can check them: those
 * saved less than {@link KEPT_FOR_MS} ago, each with the base URL it was taken to come from.
 */
export function carriedCursors(options: ContractOptions, now: number): SavedCursor[] {
  const baseUrl = cursorTarget(options.baseUrl);
  return (options.expiredCursors ?? [])
    .filter((cursor) => ageOf(cursor, now) < KEPT_FOR_MS)
    .map((cursor) => ({ ...cursor, baseUrl: cursor.baseUrl ?? baseUrl }));
}
