import { isKubeadaptError, ProtocolError } from "../index.js";

/** A list item that is not a JSON object: the server broke the spec's list, not its envelope. */
export class NotAnItemError extends ProtocolError {
  static override readonly errorName: string = "NotAnItemError";
}

/** Whether `error` is a {@link NotAnItemError} (by name, as the SDK's guards are). */
export const isNotAnItemError = (error: unknown): error is NotAnItemError =>
  isKubeadaptError(error) && error.name === "NotAnItemError";

/**
 * Refuses a page holding a value that is not a JSON object where the list has items: written,
 * `5` or `null` would be a line of NDJSON, an empty row of a table and one more in the count,
 * and left out of `--sum` as an item with no money, all without a word.
 * @param page - the page's number, for the message
 * @throws NotAnItemError naming the first such value and where it is
 */
export function checkItemsAreObjects(items: readonly unknown[], page: number): void {
  const i = items.findIndex(
    (item) => typeof item !== "object" || item === null || Array.isArray(item),
  );
  if (i === -1) return;
  const value = items[i];
  const what = Array.isArray(value)
    ? "an array"
    : value === null
      ? "null"
      : `the ${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? String(value)}`;
  throw new NotAnItemError(
    `item ${i + 1} of page ${page} is ${what}, not an object: the list's items are objects, so it can be neither written nor counted as one`,
  );
}
