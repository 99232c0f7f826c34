import { type ParseArgsConfig, parseArgs } from "node:util";
import { type ContractArgs, parseContract } from "./contract-args.js";
import { UsageError } from "./usage-error.js";

/** Output formats of `kubeadapt get`. */
export type OutputFormat = "ndjson" | "json" | "table";

/** The options of `kubeadapt get`, parsed and checked. */
export interface GetArgs {
  path: string;
  all: boolean;
  query: Record<string, string>;
  limit: number | undefined;
  format: OutputFormat;
  maxItems: number | undefined;
  /** Rows a table shows; the walk still counts every item. */
  top: number | undefined;
  baseUrl: string | undefined;
  demo: boolean;
  progress: boolean | undefined;
}

/** A parsed command line. */
export type Command =
  | { name: "get"; args: GetArgs }
  | { name: "contract"; args: ContractArgs }
  | { name: "help" }
  | { name: "version" };

/** The help text. */
export const USAGE = `Usage:
  kubeadapt get <path> [--all] [--query key=value ...] [--limit N] [--format ndjson|json|table]
                       [--max-items N] [--top N] [--base-url URL] [--demo]
                       [--progress | --no-progress]
  kubeadapt contract [--base-url URL | --demo] [options]   (kubeadapt contract --help)
  kubeadapt --help | --version

get       GET one path of the /v1 API, e.g. /v1/workloads or /v1/clusters/<id>.
          --all walks every page of a list; --max-items stops after N items;
          --top N shows the first N rows of a table (the walk still counts every item).
          The token comes from KUBEADAPT_API_TOKEN (never from the command line). With no token
          and no base URL (or with --demo) it uses the embedded demo API.
contract  Checks a server against the /v1 contract (KUBEADAPT_BASE_URL, KUBEADAPT_API_TOKEN);
          kubeadapt contract --help lists its options, exit codes and every check.`;

/** Parses `argv` (without node and the script). Throws {@link UsageError} on mistakes. */
export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    return { name: "help" };
  }
  if (name === "--version" || name === "-v") return { name: "version" };
  if (name === "get") return { name: "get", args: parseGet(rest) };
  if (name === "contract") return { name: "contract", args: parseContract(rest) };
  throw new UsageError(`unknown command "${name}"`);
}

function parse(args: string[], options: NonNullable<ParseArgsConfig["options"]>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true, allowNegative: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseGet(argv: string[]): GetArgs {
  const { values, positionals } = parse(argv, {
    all: { type: "boolean" },
    query: { type: "string", short: "q", multiple: true },
    limit: { type: "string" },
    format: { type: "string", short: "o" },
    "max-items": { type: "string" },
    top: { type: "string" },
    "base-url": { type: "string" },
    demo: { type: "boolean" },
    progress: { type: "boolean" },
  });
  if (positionals.length !== 1) throw new UsageError("get takes exactly one <path>");
  const format = (values.format as string | undefined) ?? "ndjson";
  if (format !== "ndjson" && format !== "json" && format !== "table") {
    throw new UsageError(`--format must be ndjson, json or table, not "${format}"`);
  }
  return {
    path: positionals[0] as string,
    all: values.all === true,
    query: parseQuery((values.query as string[] | undefined) ?? []),
    limit: positiveInteger("--limit", values.limit as string | undefined),
    format,
    maxItems: positiveInteger("--max-items", values["max-items"] as string | undefined),
    top: positiveInteger("--top", values.top as string | undefined),
    baseUrl: values["base-url"] as string | undefined,
    demo: values.demo === true,
    progress: values.progress as boolean | undefined,
  };
}

function parseQuery(pairs: string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--query takes key=value, not "${pair}"`);
    query[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return query;
}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${flag} must be a positive integer, not "${value}"`);
  }
  return n;
}
