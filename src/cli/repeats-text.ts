import { plural } from "./summary.js";

/** An item that came again: its key, and the page it came on first. */
export interface Repeat {
  key: string | number;
  page: number;
}

// Enough keys to recognise a repeated page by, few enough for one line.
const NAMED = 5;

/**
 * The repeats of one page in words, each key with the page it came on first:
 * `item "a" of page 1 came again on page 2`, `item "a" came twice on page 2`, or
 * `2 items came again on page 3: "a", "b" of page 2`.
 * @param noun - what the list holds ("item", "row")
 */
export function repeatsText(noun: string, repeats: readonly Repeat[], page: number): string {
  const [only] = repeats;
  if (repeats.length === 1 && only) {
    const key = JSON.stringify(only.key);
    return only.page === page
      ? `${noun} ${key} came twice on page ${page}`
      : `${noun} ${key} of page ${only.page} came again on page ${page}`;
  }
  // Grouped by the page they came on first, in the order they came again.
  const byPage = new Map<number, string[]>();
  for (const repeat of repeats.slice(0, NAMED)) {
    const keys = byPage.get(repeat.page) ?? [];
    keys.push(JSON.stringify(repeat.key));
    byPage.set(repeat.page, keys);
  }
  const groups = [...byPage].map(
    ([first, keys]) =>
      `${keys.join(", ")} ${first === page ? "earlier on it" : `of page ${first}`}`,
  );
  const more = repeats.length > NAMED ? `; and ${repeats.length - NAMED} more` : "";
  return `${plural(repeats.length, noun)} came again on page ${page}: ${groups.join("; ")}${more}`;
}
