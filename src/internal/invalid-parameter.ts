import { BadRequestError } from "../errors.js";

/**
 * The `BadRequestError` the server would send for a bad parameter: `details[0]` is
 * `{ field, reason }` when a `reason` is given, else `{ field, message }`.
 */
export const invalidParameter = (
  field: string,
  message: string,
  reason?: string,
): BadRequestError =>
  new BadRequestError(message, {
    code: "BAD_REQUEST",
    details: [reason ? { field, reason } : { field, message }],
  });
