import type { ContractCheck } from "../context.js";
import { cursorExpired, cursorQueryChanged, invalidCursor } from "./cursor-errors.js";
import { costExplorer, envelopes } from "./envelopes.js";
import { notFound, rateLimited, unauthorized } from "./error-responses.js";
import { limitBounds } from "./limit-bounds.js";
import { namedExamplesServed } from "./named-examples.js";
import { fullWalks, includeTotalToggle } from "./walks.js";

/** Every check, in report order. */
export const CHECKS: readonly ContractCheck[] = [
  limitBounds,
  invalidCursor,
  cursorQueryChanged,
  cursorExpired,
  rateLimited,
  unauthorized,
  notFound,
  fullWalks,
  includeTotalToggle,
  envelopes,
  costExplorer,
  namedExamplesServed,
];
