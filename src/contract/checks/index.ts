import type { ContractCheck } from "../context.js";
import { authTokens } from "./auth-tokens.js";
import { costExplorer } from "./cost-explorer.js";
import { costMode } from "./cost-mode.js";
import { cursorExpired, invalidCursor } from "./cursor-errors.js";
import { cursorQueryChanged } from "./cursor-query-changed.js";
import { dashboardTotals } from "./dashboard.js";
import { envelopes } from "./envelopes.js";
import { notFound, rateLimited, unauthorized } from "./error-responses.js";
import { filters } from "./filters.js";
import { responseHeaders } from "./headers.js";
import { limitBounds } from "./limit-bounds.js";
import { namedExamplesServed } from "./named-examples.js";
import { nestedCollections, singleResources } from "./nesting.js";
import { pageFill } from "./page-fill.js";
import { parameterValues } from "./parameter-values.js";
import { sortOrder } from "./sort-order.js";
import { fullWalks, includeTotalToggle } from "./walks.js";

/** Every check, in report order. */
export const CHECKS: readonly ContractCheck[] = [
  limitBounds,
  invalidCursor,
  cursorQueryChanged,
  cursorExpired,
  rateLimited,
  unauthorized,
  authTokens,
  notFound,
  fullWalks,
  includeTotalToggle,
  pageFill,
  sortOrder,
  filters,
  nestedCollections,
  singleResources,
  envelopes,
  costMode,
  responseHeaders,
  parameterValues,
  costExplorer,
  dashboardTotals,
  namedExamplesServed,
];
