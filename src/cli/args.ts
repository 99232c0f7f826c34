import { type ContractArgs, parseContract } from "./contract-args.js";
import { type FlagOptions, parseFlags } from "./flags.js";
import { FORMATS, type OutputFormat } from "./output.js";
import { UsageError } from "./usage-error.js";

/** The options of `kubeadapt get`, parsed and checked (query keys and values: against the spec, later). */
export interface GetArgs {
  path: string;
  all: boolean;
  /** `--query key=value` pairs, in order; a key at most once. */
  query: Record<string, string>;
  /** `--limit` as given (checked against the path's page-size parameter). */
  limit: string | undefined;
  format: OutputFormat;
  /** `--columns`, as given (checked against the path's item schema). */
  columns: string | undefined;
  /** `--sum`: the dotted path of a money field to total. */
  sum: string | undefined;
  maxItems: number | undefined;
  /** Items written, in every format (0: none); the walk still counts and sums every item. */
  top: number | undefined;
  /** `--output FILE`: the data go there instead of stdout. */
  output: string | undefined;
  baseUrl: string | undefined;
  allowInsecureHttp: boolean;
  demo: boolean;
  progress: boolean | undefined;
  /** `--timeout N`: seconds one attempt may take, body included (the SDK's `timeoutMs`). */
  timeout: number | undefined;
}

/** A parsed command line. */
export type Command =
  | { name: "get"; args: GetArgs }
  | { name: "contract"; args: ContractArgs }
  | { name: "paths" }
  | { name: "help"; topic: HelpTopic }
  | { name: "version" };

/** What `--help` explains: the program, or one command. */
export type HelpTopic = "main" | "get" | "paths" | "contract";

const COMMANDS = ["get", "paths", "contract"] as const;

/** Parses `argv` (without node and the script). Throws {@link UsageError} on mistakes. */
export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    return { name: "help", topic: "main" };
  }
  if (name === "help") {
    const topic = rest[0] ?? "main";
    if (topic !== "main" && !COMMANDS.includes(topic as never)) {
      throw new UsageError(`no help on "${topic}": the commands are ${COMMANDS.join(", ")}`);
    }
    return { name: "help", topic: topic as HelpTopic };
  }
  if (name === "--version" || name === "-v") return { name: "version" };
  if (!COMMANDS.includes(name as never)) {
    throw new UsageError(`unknown command "${name}": the commands are ${COMMANDS.join(", ")}`);
  }
  // `--help` anywhere before a `--` asks for the command's help, whatever else is given.
  const flags = rest.slice(0, rest.includes("--") ? rest.indexOf("--") : rest.length);
  if (flags.includes("--help") || flags.includes("-h")) {
    return { name: "help", topic: name as HelpTopic };
  }
  if (name === "get") return { name: "get", args: parseGet(rest) };
  if (name === "paths") {
    parseFlags("paths", rest, {});
    if (rest.length > 0) throw new UsageError("paths takes no arguments");
    return { name: "paths" };
  }
  return { name: "contract", args: parseContract(rest) };
}

/** The flags of `kubeadapt get` (its --help and docs/guides/cli.md describe each one). */
export const GET_FLAGS: FlagOptions = {
  all: { type: "boolean" },
  query: { type: "string", short: "q", multiple: true },
  limit: { type: "string" },
  format: { type: "string", short: "o" },
  columns: { type: "string" },
  sum: { type: "string" },
  "max-items": { type: "string" },
  top: { type: "string" },
  output: { type: "string" },
  timeout: { type: "string" },
  "base-url": { type: "string" },
  "allow-insecure-http": { type: "boolean" },
  demo: { type: "boolean" },
  progress: { type: "boolean" },
};

function parseGet(argv: string[]): GetArgs {
  const { values, positionals } = parseFlags("get", argv, GET_FLAGS);
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? "get needs a <path>, e.g. kubeadapt get /v1/workloads (kubeadapt paths lists them)"
        : `get takes one <path>, not ${positionals.length}: ${positionals.join(" ")}`,
    );
  }
  const format = (values.format as string | undefined) ?? "ndjson";
  if (!FORMATS.includes(format as OutputFormat)) {
    throw new UsageError(`--format must be ${FORMATS.join(", ")}, not "${format}"`);
  }
  const string = (name: string) => values[name] as string | undefined;
  return {
    path: positionals[0] as string,
    all: values.all === true,
    query: parseQuery((values.query as string[] | undefined) ?? []),
    limit: string("limit"),
    format: format as OutputFormat,
    columns: string("columns"),
    sum: string("sum"),
    maxItems: integer("--max-items", string("max-items"), 1),
    // 0 writes nothing but still sums: what a resume command gives once --top is reached.
    top: integer("--top", string("top"), 0),
    output: string("output"),
    baseUrl: string("base-url"),
    allowInsecureHttp: values["allow-insecure-http"] === true,
    demo: values.demo === true,
    progress: values.progress as boolean | undefined,
    timeout: integer("--timeout", string("timeout"), 1),
  };
}

function parseQuery(pairs: string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`--query takes key=value, not "${pair}"`);
    const key = pair.slice(0, at);
    if (key in query) throw new UsageError(`--query ${key}=… is given twice; give each key once`);
    query[key] = pair.slice(at + 1);
  }
  return query;
}

function integer(flag: string, value: string | undefined, min: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    const what = min === 1 ? "a positive integer" : "an integer of 0 or more";
    throw new UsageError(`${flag} must be ${what}, not "${value}"`);
  }
  return n;
}
