import type { Writable } from "node:stream";
import type { Kubeadapt, Page, Paginator, Progress } from "../index.js";
import type { GetArgs } from "./args.js";
import { type Column, defaultColumns, parseColumns } from "./columns.js";
import { checkCurrencyColumns } from "./currency-columns.js";
import { dataIsList } from "./item-fields.js";
import { checkDataShape } from "./item-objects.js";
import { type CountChange, ListChangedError } from "./list-drift.js";
import { checkMoneyCells } from "./money-cells.js";
import { checkNumericText } from "./numeric-text.js";
import { createSink } from "./output.js";
import { checkPages } from "./page-checks.js";
import { suggestPath } from "./path-suggestion.js";
import { createProgressBar, type ProgressBar } from "./progress.js";
import { checkPathParameters, checkQuery, type GivenParameter } from "./query-check.js";
import type { ResumePoint } from "./resume.js";
import { type ResolvedPath, resolvePath } from "./spec-paths.js";
import type { Target } from "./target.js";
import { checkTopOrder } from "./top-order.js";
import {
  createTotal,
  footerRow,
  holdsTotal,
  type Total,
  type TotalScope,
  totalLabel,
} from "./total.js";
import { unassignedNote } from "./unassigned-note.js";
import { UsageError } from "./usage-error.js";

/** The streams and terminal facts a command runs with. */
export interface CommandIo {
  /** Where the data go (stdout, or the `--output` file). */
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (progress is drawn only then, unless forced). */
  stderrIsTty: boolean;
  /**
   * Whether stdout is a terminal: the progress bar is then erased before each write of data,
   * which would otherwise start on the bar's line.
   * @default false
   */
  stdoutIsTty?: boolean | undefined;
  /** `TERM`: `dumb` gets no progress bar unless forced, and then one without escapes. */
  term?: string | undefined;
  signal: AbortSignal;
}

/** What a `get` did, for the summary line. */
export interface GetSummary {
  /** Items received (the walk counts every one, even past `--top`). */
  items: number;
  /** Items written (fewer than `items` with `--top`). */
  shown: number;
  pages: number;
  /** Rows matching the query, when the server said and its pages do not contradict it. */
  total: number | undefined;
  /**
   * The server's count when a partial walk's pages contradict it (it sent more items than it
   * counted, or as many and said more follow): left out of `total` and said in a note.
   */
  wrongCount?: { counted: number; sent: number; more: boolean } | undefined;
  /** The server's count when it changed between pages: left out of `total`, said in a note. */
  countChange?: CountChange | undefined;
  /** Notes on pages that broke the protocol in ways the counts cannot show. */
  pageNotes?: string[] | undefined;
  /** True when the server has more than was fetched (no --all, or --max-items). */
  partial: boolean;
  /** Where the rest starts, when `partial` and it can be resumed exactly. */
  more: ResumePoint | undefined;
  /** The exact sum of `--sum`, when asked for. */
  sum: Total | undefined;
  /** Where the walk started when not at the start of the list, e.g. `--query cursor`. */
  from: string | undefined;
  /** Why the items `--top` wrote are not the largest (mixed currencies, a broken order). */
  topNote?: string | undefined;
  /**
   * Why some cells written may be read wrong: bare amounts in a currency no column shows,
   * amounts that break the spec's `Money`, text a spreadsheet would read as another number.
   */
  cellNotes?: string[] | undefined;
  ms: number;
}

/** A walk that failed or was interrupted after writing some items, and where to go on. */
export class WalkStopped extends Error {
  override name = "WalkStopped";
  constructor(
    override readonly cause: unknown,
    /** The resume point: after the last page written. */
    readonly at: ResumePoint,
    /** Items received before it stopped (every one counted and summed). */
    readonly items: number,
    /** Items written before it stopped: fewer than `items` with `--top`. */
    readonly shown: number,
    /** The `--sum` total of those items, when asked for. */
    readonly sum: Total | undefined,
    /**
     * The notes on what was written, as a complete walk prints them: what its pages broke that
     * the counts cannot show (see `checkPages`), the `--top` order and the bare amounts' currency.
     */
    readonly notes: readonly string[] = [],
    /** Why the items `--top` wrote may not be the largest, when it wrote fewer than it got. */
    readonly topNote: string | undefined = undefined,
  ) {
    super("the walk stopped", { cause });
  }
}

/**
 * A walk whose first page's write failed (a full disk): no page is whole in the output, yet part
 * of one may be, and no resume point helps (a fresh run writes it all).
 */
export class FirstPageTorn extends Error {
  override name = "FirstPageTorn";
  /** The note printed after the error: the output is not to be kept. */
  readonly note =
    "note: the output may hold part of the first page, whose write failed: no item of it is counted as written, so discard it";
  constructor(override readonly cause: unknown) {
    super("the first page's write failed", { cause });
  }
}

type Walk = (path: string, init: object) => Paginator<unknown>;

// A write that failed partway left part of its page behind the items counted.
const tornNote = (shown: number) =>
  `note: the output may end with part of the page whose write failed: keep what comes before it (the ${shown} ${shown === 1 ? "item" : "items"} written) when you add the resumed run's`;

const NO_ANSWERS = { lastBody: () => undefined, answered: () => 0 };

/** A `get` checked against the spec, ready to send. */
interface Plan {
  resolved: ResolvedPath;
  query: Record<string, string | number | boolean>;
  columns: Column[];
}

/**
 * Checks a `get` against the bundled spec before any request: the path, its ids, each
 * `--query` key and value, `--limit`, `--columns` and `--sum`.
 * @throws UsageError naming what is wrong and what is allowed
 */
export function planGet(args: GetArgs): Plan {
  const resolved = resolvePath(args.path);
  if (!resolved) {
    const near = suggestPath(args.path);
    throw new UsageError(
      `no GET ${args.path} in the /v1 API (${near ? `did you mean ${near}? ` : ""}kubeadapt paths lists them)`,
    );
  }
  checkPathParameters(resolved.template, resolved.pathParams);
  const given: GivenParameter[] = Object.entries(args.query).map(([name, value]) => ({
    name,
    value,
    given: `--query ${name}=${value}`,
  }));
  if (args.limit !== undefined) {
    const name = resolved.shape === "offset" ? "per_page" : "limit";
    if (resolved.shape === "single") {
      throw new UsageError(`--limit: GET ${resolved.template} is not a list`);
    }
    if (name in args.query) throw new UsageError(`give --limit or --query ${name}=…, not both`);
    given.push({ name, value: args.limit, given: `--limit ${args.limit}` });
  }
  const query = checkQuery(resolved.template, given);
  const tabular = args.format === "table" || args.format === "csv" || args.format === "tsv";
  if (args.columns !== undefined && !tabular) {
    throw new UsageError(`--columns is for --format table, csv or tsv, not ${args.format}`);
  }
  const style = args.format === "table" ? "table" : "csv";
  const columns =
    args.columns === undefined
      ? defaultColumns(resolved.template, style)
      : parseColumns(resolved.template, args.columns);
  if (args.sum !== undefined) {
    createTotal(resolved.template, args.sum);
    // The total needs a cell to sit under.
    if (tabular && !columns.some((c) => holdsTotal(c, args.sum as string))) {
      columns.push({ header: args.sum, paths: [args.sum] });
    }
  }
  return { resolved, query, columns };
}

/**
 * Runs `kubeadapt get`: one GET, or with `--all` a walk of every page, streaming items to
 * `io.stdout` in the chosen format. Progress goes to stderr, data only to stdout.
 * @param answers - what `ka` was answered: the text of the last response, whose cursor the SDK
 * does not keep, and how many 2xx responses came (the pages fetched, empty ones too)
 * @throws WalkStopped when a walk fails or is aborted after its first page
 * @throws FirstPageTorn when the write of the first page fails
 */
export async function runGet(
  ka: Kubeadapt,
  args: GetArgs,
  plan: Plan,
  io: CommandIo,
  answers: Pick<Target, "lastBody" | "answered"> = NO_ANSWERS,
): Promise<GetSummary> {
  const { resolved, columns } = plan;
  const { cursor, page: firstPage, ...query } = plan.query;
  const params = { path: resolved.pathParams, query };
  const sinkFor = (lone: boolean) =>
    createSink(io.stdout, {
      format: args.format,
      columns,
      keepEmpty: args.columns !== undefined,
      top: args.top,
      lone,
    });
  // Replaced once, before any write, when a path's answer turns out to be one object.
  let sink = sinkFor(false);
  const total = args.sum === undefined ? undefined : createTotal(resolved.template, args.sum);
  // `--top` writes the first N the server sends: the N largest only if the list is in order.
  const order = args.top === undefined ? undefined : checkTopOrder(resolved.template);
  const style = args.format === "table" ? "table" : "csv";
  const tabular = args.format !== "ndjson" && args.format !== "json";
  const bare = tabular ? checkCurrencyColumns(resolved.template, columns, style) : undefined;
  const cells = tabular ? checkMoneyCells(resolved.template, columns) : undefined;
  // A table is read by people; CSV and TSV by spreadsheets, which read number-like text as numbers.
  const numeric = tabular && style === "csv" ? checkNumericText(columns) : undefined;
  // Drawn during a walk (a single resource has no progress).
  let bar: ProgressBar | undefined;
  // Items go to the sink in order, and it writes the first it has room for (`--top`).
  const write = async (items: readonly unknown[]) => {
    const before = sink.shown;
    await (bar && io.stdoutIsTty
      ? bar.around(
          () => sink.write(items),
          () => sink.lineOpen,
        )
      : sink.write(items));
    const written = items.slice(0, sink.shown - before);
    bare?.add(written);
    cells?.add(written);
    numeric?.add(written);
  };
  const cellNotes = (withTotal: boolean) => {
    const malformed = cells?.note();
    const numberLike = numeric?.note();
    return [
      ...(bare?.notes(withTotal ? total : undefined) ?? []),
      ...(malformed ? [malformed] : []),
      ...(numberLike ? [numberLike] : []),
    ];
  };
  const started = Date.now();
  const from =
    typeof cursor === "string" && cursor !== ""
      ? "--query cursor"
      : typeof firstPage === "number" && firstPage > 1
        ? `--query page=${firstPage}`
        : undefined;
  const end = (scope: Pick<TotalScope, "partial" | "of">) =>
    sink.end(
      total && tabular
        ? footerRow(
            total,
            columns,
            style,
            totalLabel(total, { ...scope, hidden: sink.hidden, from }),
          )
        : undefined,
    );
  const summary = (rest: Omit<GetSummary, "shown" | "sum" | "from" | "ms">): GetSummary => ({
    ...rest,
    shown: sink.shown,
    sum: total,
    from,
    topNote: order?.note(args.top as number, sink.hidden),
    cellNotes: cellNotes(true),
    ms: Date.now() - started,
  });

  if (resolved.shape === "single") {
    if (args.all) io.stderr.write(`note: ${resolved.template} is not paginated; --all ignored\n`);
    const get = ka.get as unknown as (path: string, init: object) => Promise<unknown>;
    const data = await get(resolved.template, { params, signal: io.signal });
    // Some unpaginated paths return a list (a cluster's node groups): its elements are the items;
    // the others return one object, and the spec says which.
    checkDataShape(resolved.template, data, dataIsList(resolved.template));
    const all = Array.isArray(data) ? data : [data];
    if (Array.isArray(data)) {
      checkPages(resolved, plan.query).page({
        items: all,
        page: 1,
        total: undefined,
        hasMore: false,
      });
    }
    const items = all.slice(0, args.maxItems);
    total?.add(items);
    order?.add(items);
    const partial = items.length < all.length;
    // One object as JSON is the object itself: no array around it, nor an empty one after it;
    // it is written, and counted, as an item is (`--top 0`: not at all).
    if (!Array.isArray(data)) sink = sinkFor(true);
    await write(items);
    await end({ partial, of: all.length });
    return summary({ items: items.length, pages: 1, total: all.length, partial, more: undefined });
  }

  const offset = resolved.shape === "offset";
  const dumb = io.term === "dumb";
  if (args.progress ?? (io.stderrIsTty && !dumb)) bar = createProgressBar(io.stderr, { dumb });
  const walk = (offset ? ka.paginateOffset : ka.paginate) as unknown as Walk;
  const paginator = walk(resolved.template, {
    params: { ...params, query: firstPage === undefined ? query : { ...query, page: firstPage } },
    signal: io.signal,
    cursor,
    // Without --all only one page is wanted: fetch no page ahead.
    prefetch: args.all ? 1 : 0,
    // Asking for progress asks for the total too, which the summary line shows.
    onProgress: (p: Progress) => bar?.update(p),
  });
  const checks = checkPages(resolved, plan.query);
  const unassigned = unassignedNote(resolved.template, plan.query, args.sum);
  let items = 0;
  let pages = 0;
  let matching: number | undefined;
  let hugeCount: number | undefined;
  // Items the server sent, cut ones too, and whether its last page said more follow: a count
  // below them cannot be the list's size.
  let sent = 0;
  let moreFollow = false;
  let at: ResumePoint = offset
    ? { page: typeof firstPage === "number" ? firstPage : 1 }
    : { cursor: typeof cursor === "string" ? cursor : "" };
  let partial = false;
  let cutShort = false;
  // Whether a page is being written: an error then is the output's (a full disk), and the part
  // of the page written before it is in the output but in no count.
  let writing = false;
  try {
    for await (const page of paginator.pages() as AsyncIterable<Page<unknown>>) {
      const room = args.maxItems === undefined ? page.items.length : args.maxItems - items;
      checks.page(page);
      const taken = page.items.slice(0, room);
      // Read first: money the total cannot read stops the walk before its page is written;
      // added after: a page whose write failed is in no count, since the resume fetches it again.
      const sum = total?.prepare(taken);
      writing = true;
      await write(taken);
      writing = false;
      sum?.();
      order?.add(taken);
      items += taken.length;
      // The SDK skips empty pages; its page numbers count them (a cursor walk's from 1).
      pages = page.page - (offset && typeof firstPage === "number" ? firstPage : 1) + 1;
      // The count of the walk's start: what "of N" and the end-of-walk note compare with.
      // A count past 2^53 counts nothing exactly (parsing may have rounded it): it is not shown.
      if (page.total !== undefined && !Number.isSafeInteger(page.total)) hugeCount ??= page.total;
      else matching ??= page.total;
      sent += page.items.length;
      moreFollow = page.hasMore;
      at = offset ? { page: page.page + 1 } : { cursor: page.nextCursor ?? "" };
      const cut = taken.length < page.items.length;
      if (!args.all || cut || (args.maxItems !== undefined && items >= args.maxItems)) {
        partial = cut || page.hasMore;
        cutShort = cut;
        break;
      }
    }
  } catch (error) {
    // Once the list changed under it, no resume point helps: the walk must start again.
    if (error instanceof ListChangedError) throw error;
    if (pages === 0) throw writing ? new FirstPageTorn(error) : error;
    await sink.stop();
    // The rows written stay: the notes on them are as true as after a whole walk.
    const topNote = order?.note(args.top as number, sink.hidden);
    const notes = [
      ...checks.notes(false, undefined),
      ...(topNote ? [topNote] : []),
      ...cellNotes(false),
      ...(unassigned ? [unassigned] : []),
      ...(writing ? [tornNote(sink.shown)] : []),
    ];
    throw new WalkStopped(error, at, items, sink.shown, total, notes, topNote);
  } finally {
    bar?.clear();
  }
  // A whole walk fetched no page ahead of its end: every 2xx answer was one of its pages, the
  // empty ones after its last items (or of an empty list) too.
  if (!partial) pages = Math.max(pages, answers.answered());
  if (!partial && from === undefined) checks.end();
  // A partial walk shows "of N": never an N its own pages prove wrong ("2 of 1 items"), nor
  // one a later page changed.
  const change = checks.countChange;
  const wrong =
    !change &&
    partial &&
    matching !== undefined &&
    (sent > matching || (moreFollow && sent >= matching));
  const of = wrong || change || hugeCount !== undefined ? undefined : matching;
  const pageNotes = checks.notes(!partial, answers.lastBody(), pages);
  if (hugeCount !== undefined) {
    pageNotes.push(
      // Not its digits: the parsed count is already rounded (9007199254740993 reads as ...992).
      `note: the server counted more than 2^53 items (about ${hugeCount.toPrecision(3)}), past the integers JSON parsing holds exactly, so its count is not shown`,
    );
  }
  if (unassigned) pageNotes.push(unassigned);
  await end({ partial, of });
  // A page cut short by --max-items has no cursor for its rest: no resume point then.
  return summary({
    items,
    pages,
    total: of,
    wrongCount: wrong ? { counted: matching as number, sent, more: moreFollow } : undefined,
    countChange: change,
    pageNotes,
    partial,
    more: partial && !cutShort ? at : undefined,
  });
}
