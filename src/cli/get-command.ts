import type { Writable } from "node:stream";
import type { Kubeadapt, Page, Paginator, Progress } from "../index.js";
import type { GetArgs } from "./args.js";
import { createSink, writeText } from "./output.js";
import { createProgressBar } from "./progress.js";
import { resolvePath } from "./spec-paths.js";
import { UsageError } from "./usage-error.js";

/** The streams and terminal facts a command runs with. */
export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (progress is drawn only then, unless forced). */
  stderrIsTty: boolean;
  signal: AbortSignal;
}

/** What a walk did, for the summary line. */
export interface WalkSummary {
  items: number;
  pages: number;
  ms: number;
}

type Walk = (path: string, init: object) => Paginator<unknown>;

/**
 * Runs `kubeadapt get`: one GET, or with `--all` a walk of every page, streaming items to
 * stdout in the chosen format. Progress and the summary go to stderr, data only to stdout.
 */
export async function runGet(ka: Kubeadapt, args: GetArgs, io: CommandIo): Promise<WalkSummary> {
  const resolved = resolvePath(args.path);
  if (!resolved) throw new UsageError(`no GET ${args.path} in the /v1 API`);
  const { cursor, ...strings } = args.query;
  const query: Record<string, string | number> = { ...strings };
  // The spec's page sizes are integers: "--query limit=2" is sent as 2; "abc" stays for the SDK to reject.
  for (const key of ["limit", "per_page", "page"]) {
    if (/^-?\d+$/.test(strings[key] ?? "")) query[key] = Number(strings[key]);
  }
  if (args.limit !== undefined)
    query[resolved.shape === "offset" ? "per_page" : "limit"] = args.limit;
  const params = { path: resolved.pathParams, query };
  const sink = createSink(io.stdout, args.format, args.top);
  const started = Date.now();

  if (!args.all || resolved.shape === "single") {
    if (args.all) io.stderr.write(`note: ${resolved.template} is not paginated; --all ignored\n`);
    const get = ka.get as unknown as (path: string, init: object) => Promise<unknown>;
    const data = await get(resolved.template, {
      params: { ...params, query: cursor === undefined ? query : { ...query, cursor } },
      signal: io.signal,
    });
    if (!Array.isArray(data) && args.format === "json") {
      await writeText(io.stdout, `${JSON.stringify(data, null, 2)}\n`);
      return { items: 1, pages: 1, ms: Date.now() - started };
    }
    const items = Array.isArray(data) ? data.slice(0, args.maxItems) : [data];
    await sink.write(items);
    await sink.end();
    return { items: items.length, pages: 1, ms: Date.now() - started };
  }

  const showProgress = args.progress ?? io.stderrIsTty;
  const bar = showProgress ? createProgressBar(io.stderr) : undefined;
  const walk = (resolved.shape === "cursor" ? ka.paginate : ka.paginateOffset) as unknown as Walk;
  const paginator = walk(resolved.template, {
    params,
    signal: io.signal,
    cursor,
    onProgress: bar ? (p: Progress) => bar.update(p) : undefined,
  });
  let items = 0;
  let pages = 0;
  try {
    for await (const page of paginator.pages() as AsyncIterable<Page<unknown>>) {
      const room = args.maxItems === undefined ? page.items.length : args.maxItems - items;
      const taken = page.items.slice(0, room);
      items += taken.length;
      pages++;
      await sink.write(taken);
      if (args.maxItems !== undefined && items >= args.maxItems) break;
    }
  } finally {
    bar?.clear();
  }
  await sink.end();
  return { items, pages, ms: Date.now() - started };
}
