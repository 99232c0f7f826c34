import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** Report formats of `kubeadapt contract`. */
export type ContractReporter = "text" | "junit" | "json";

/** The options of `kubeadapt contract`, parsed and checked (check ids are checked later). */
export interface ContractArgs {
  /** `--help`: print the usage and every check. */
  help: boolean;
  baseUrl: string | undefined;
  /** `--demo`: test the embedded fake (every check runs, none skipped; no server, no token). */
  demo: boolean;
  mode: "live" | "mock";
  /** Ids of the checks to run; all when undefined. */
  only: string[] | undefined;
  /** Requests per second; undefined for the default (10, or none with --demo). */
  rate: number | undefined;
  maxRequests: number | undefined;
  /** Seed of the suite's random choices; undefined for the default (1). */
  seed: number | undefined;
  reporter: ContractReporter;
  /** Where the junit or json report goes; stdout when undefined. */
  output: string | undefined;
  saveCursors: string | undefined;
  expiredCursors: string | undefined;
}

/** The usage of `kubeadapt contract`, above the list of checks. */
export const CONTRACT_USAGE = `Usage: kubeadapt contract [--base-url URL | --demo] [--mode live|mock] [--only id,...]
                          [--rate N] [--max-requests N] [--seed N] [--reporter text|junit|json]
                          [--output FILE] [--save-cursors FILE] [--expired-cursors FILE]

Checks a server against the Kubeadapt /v1 contract (KUBEADAPT_BASE_URL, KUBEADAPT_API_TOKEN).
  --base-url URL          the API under test (default: KUBEADAPT_BASE_URL)
  --demo                  test the embedded fake instead: every check runs, none skipped
                          (expiry, 429 and the spec's named examples included)
  --mode live|mock        live: a real server (default); mock: a Prism mock
  --only id,...           run only these checks
  --rate N                requests per second at most (default 10; 0 = no pacing; --demo: 0)
  --max-requests N        never send more than N requests; checks left are skipped
  --seed N                seed of generated values and sampled ids: same seed, same requests
  --reporter FORMAT       text (default), junit (JUnit XML) or json (versioned report)
  --output FILE           write the junit or json report to FILE (default: stdout)
  --save-cursors FILE     keep cursors this run saw, to check a day later
  --expired-cursors FILE  check that cursors saved at least 24 h ago are now 410 expired
Exit codes: 0 every check passed or was skipped with its reason, 1 a violation,
2 a usage mistake, 3 the target could not be tested (unreachable, token rejected).`;

const STRING_FLAGS = [
  "base-url",
  "mode",
  "only",
  "rate",
  "max-requests",
  "seed",
  "reporter",
  "output",
  "save-cursors",
  "expired-cursors",
] as const;
type StringFlag = (typeof STRING_FLAGS)[number];
const BOOLEAN_FLAGS = ["help", "demo"] as const;

/**
 * Parses the arguments after `kubeadapt contract`. Throws {@link UsageError} with its own
 * message (never node's parseArgs text) on an unknown option, a missing or bad value.
 */
export function parseContract(argv: string[]): ContractArgs {
  const strings: Partial<Record<StringFlag, string>> = {};
  const booleans = new Set<string>();
  // Lenient parsing gives every token; each is checked here, so every message is ours.
  const { tokens } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: "string" as const }])),
      help: { type: "boolean", short: "h" },
      demo: { type: "boolean" },
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") {
      throw new UsageError(`contract takes no arguments, only options (got "${token.value}")`);
    }
    if (token.kind !== "option") continue;
    const name = token.name;
    if ((STRING_FLAGS as readonly string[]).includes(name)) {
      const value = token.value;
      if (value === undefined || (!token.inlineValue && value.startsWith("--"))) {
        throw new UsageError(`${token.rawName} needs a value`);
      }
      strings[name as StringFlag] = value;
    } else if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      booleans.add(name);
    } else {
      throw new UsageError(`unknown option ${token.rawName} (kubeadapt contract --help)`);
    }
  }
  return {
    help: booleans.has("help"),
    baseUrl: strings["base-url"],
    demo: booleans.has("demo"),
    mode: oneOf("--mode", strings.mode ?? "live", ["live", "mock"] as const),
    only: strings.only?.split(",").map((id) => id.trim()),
    rate: number("--rate", strings.rate, 0),
    maxRequests: number("--max-requests", strings["max-requests"], 1),
    seed: number("--seed", strings.seed, 1),
    reporter: oneOf("--reporter", strings.reporter ?? "text", ["text", "junit", "json"] as const),
    output: strings.output,
    saveCursors: strings["save-cursors"],
    expiredCursors: strings["expired-cursors"],
  };
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be ${allowed.join(" or ")}, not "${value}"`);
}

// `--rate` takes a decimal (0.5 = one request every two seconds); `--max-requests` a whole number.
function number(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const pattern = min === 0 ? /^\d+(\.\d+)?$/ : /^\d+$/;
  const n = Number(value);
  if (!pattern.test(value) || !Number.isFinite(n) || n < min || n > Number.MAX_SAFE_INTEGER) {
    const what = min === 0 ? "a number, 0 or more" : "a whole number, 1 or more";
    throw new UsageError(`${flag} must be ${what}, not "${value}"`);
  }
  return n;
}
