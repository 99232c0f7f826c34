/**
 * Paginated walks over the /v1 API: cursor lists and Cost Explorer's offset pages, by items,
 * by pages or collected with a cap, with prefetch, cancellation, caps and resumable errors.
 * The machinery lives in `./walk/` (internal); this module is its public surface.
 * @module
 */

export { createCursorWalk } from "./walk/cursor-walk.js";
export { createOffsetWalk } from "./walk/offset-walk.js";
export {
  DEFAULT_MAX_PAGES,
  DEFAULT_PREFETCH,
} from "./walk/options.js";
export { MAX_EMPTY_PAGES, MAX_RESTARTS } from "./walk/source.js";
export type {
  CursorWalkOptions,
  FetchPage,
  FetchPageInit,
  InitArg,
  OffsetPaginateInit,
  Page,
  PaginateInit,
  Paginator,
  Progress,
  ToArrayOptions,
  WalkOptions,
} from "./walk/types.js";
