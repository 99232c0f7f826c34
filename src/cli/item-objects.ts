import { isKubeadaptError, ProtocolError } from "../index.js";
import { clip } from "../internal/clip.js";

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
      : `the ${typeof value} ${clip(JSON.stringify(value) ?? String(value))}`;
  throw new NotAnItemError(
    `item ${i + 1} of page ${page} is ${what}, not an object: the list's items are objects, so it can be neither written nor counted as one`,
  );
}

/** A `data` that is a list where the spec has one object, or one object where it has a list. */
export class DataShapeError extends ProtocolError {
  static override readonly errorName: string = "DataShapeError";
}

/** Whether `error` is a {@link DataShapeError} (by name, as the SDK's guards are). */
export const isDataShapeError = (error: unknown): error is DataShapeError =>
  isKubeadaptError(error) && error.name === "DataShapeError";

/**
 * Refuses the `data` of an unpaginated GET whose shape is not the spec's: an array where the
 * path returns one object (a dashboard, a cluster) would be written, counted and summed as if
 * it were a list of them; one object where the path returns a list (a cluster's node groups)
 * would be counted as a list of one.
 * @param list - whether the spec's `data` is a list, undefined when the spec does not say
 * @throws DataShapeError naming the path and both shapes
 */
export function checkDataShape(template: string, data: unknown, list: boolean | undefined): void {
  if (list === undefined || Array.isArray(data) === list) return;
  const sent = Array.isArray(data) ? "an array" : "one object";
  const wanted = list ? "a list" : "one object";
  throw new DataShapeError(
    `GET ${template} answered with ${sent} as "data", where the spec has ${wanted}: it can be neither written nor counted as ${wanted}`,
  );
}
