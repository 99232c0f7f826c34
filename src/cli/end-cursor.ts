import { lastPagination } from "./last-pagination.js";
import { resumeQuery } from "./summary.js";

/**
 * The note for a cursor walk whose last page contradicts itself: `has_more: false` with a
 * `next_cursor` (the spec sends `""` with it, always). The SDK ends the walk on `has_more`, and
 * the items and total are then all the server said there is; but if the cursor is the true
 * half, the list goes on past them, and the note gives the query that looks.
 * @param body - the text of the last page's response (the SDK hands on no cursor it ends on)
 * @returns undefined when the page agrees with itself, or is not JSON
 */
export function endCursorNote(body: string | undefined): string | undefined {
  const pagination = lastPagination(body);
  const cursor = pagination?.next_cursor;
  if (pagination?.has_more !== false || typeof cursor !== "string" || cursor === "") {
    return undefined;
  }
  return `note: the last page said has_more: false yet gave a next_cursor: the walk ended there, as has_more says, but if the cursor is right the list goes on (items and total would be short); to look: ${resumeQuery({ cursor })}`;
}
