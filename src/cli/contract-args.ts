import { type FlagOptions, parseFlags } from "./flags.js";
import { UsageError } from "./usage-error.js";

/** Report formats of `kubeadapt contract`. */
export type ContractReporter = "text" | "junit" | "json";

/** The options of `kubeadapt contract`, parsed and checked (check ids are checked later). */
export interface ContractArgs {
  baseUrl: string | undefined;
  /** `--demo`: test the embedded fake (every check runs, none skipped; no server, no token). */
  demo: boolean;
  /** `--allow-insecure-http`: a plain http:// base URL to a non-loopback host. */
  allowInsecureHttp: boolean;
  mode: "live" | "mock";
  /** Ids of the checks to run; all when undefined. */
  only: string[] | undefined;
  /** Requests per second; undefined for the default (10, or none with --demo). */
  rate: number | undefined;
  maxRequests: number | undefined;
  /** The run's time limit in seconds; none when undefined. */
  maxDuration: number | undefined;
  /**
   * `--allow-incomplete`: exit 0, not 4, when the limits above left checks unrun or the token
   * lacked some families' scope.
   */
  allowIncomplete: boolean;
  /** Seconds one request may take, body included; undefined for the default (30). */
  timeout: number | undefined;
  /** Seed of the suite's random choices; undefined for the default (1). */
  seed: number | undefined;
  reporter: ContractReporter;
  /** Where the junit or json report goes; stdout when undefined. */
  output: string | undefined;
  saveCursors: string | undefined;
  expiredCursors: string | undefined;
}

/** The usage of `kubeadapt contract`, above the list of checks. */
export const CONTRACT_USAGE = `Usage: kubeadapt contract [--base-url URL [--allow-insecure-http] | --demo]
                          [--mode live|mock] [--only id,...]
                          [--rate N] [--max-requests N] [--max-duration N] [--allow-incomplete]
                          [--timeout N] [--seed N]
                          [--reporter text|junit|json] [--output FILE] [--save-cursors FILE] [--expired-cursors FILE]

Checks a server against the Kubeadapt /v1 contract (KUBEADAPT_BASE_URL, KUBEADAPT_API_TOKEN).
  --base-url URL          the API under test (default: KUBEADAPT_BASE_URL)
  --allow-insecure-http   allow a plain http:// URL to a non-loopback host (an in-cluster
                          service); the token then travels unencrypted
  --demo                  test the embedded fake instead: every check runs, none skipped
                          (expiry, 429 and the spec's named examples included)
  --mode live|mock        live: a real server (default); mock: a Prism mock
  --only id,...           run only these checks
  --rate N                requests per second at most (default 10; 0 = no pacing; --demo: 0)
  --max-requests N        never send more than N requests; checks left are cut short
  --max-duration N        send nothing after N seconds; checks left are cut short (set it
                          below the CI job's time limit, so the report is still written)
  --allow-incomplete      exit 0, not 4, when those limits cut checks short or the token
                          lacks some families' scope (the reports still mark them)
  --timeout N             seconds one request may take, body included (default 30); a
                          target slower than that is an error (exit 3), never a hung job
  --seed N                seed of generated values and sampled ids: same seed, same requests
  --reporter FORMAT       text (default), junit (JUnit XML) or json (versioned report)
  --output FILE           write the junit or json report to FILE (default: stdout)
  --save-cursors FILE     keep cursors this run saw (and its base URL), to check a day later,
                          and those of --expired-cursors saved less than 48 h ago
  --expired-cursors FILE  check that cursors saved over 24 h 15 min ago are now 410 expired
                          (only against the base URL that saved them)
Exit codes: 0 every check passed or was skipped for a reason of the target or mode,
1 a violation (or stdout not written whole), 2 a usage mistake (a cursor file saved against
another base URL too), 3 the target could not be tested (unreachable, token rejected, no API at the base URL),
4 incomplete: --max-requests or --max-duration left checks unrun (raise them), or the token
lacks some families' scope (use one that reads all); or give --allow-incomplete,
130 interrupted (Ctrl-C; the report covers what ran),
143 terminated (SIGTERM: stopped as by Ctrl-C).`;

const STRING_FLAGS = [
  "base-url",
  "mode",
  "only",
  "rate",
  "max-requests",
  "max-duration",
  "timeout",
  "seed",
  "reporter",
  "output",
  "save-cursors",
  "expired-cursors",
] as const;

/** The flags of `kubeadapt contract` (its --help and docs/guides/contract.md describe each one). */
export const CONTRACT_FLAGS: FlagOptions = {
  ...Object.fromEntries(STRING_FLAGS.map((flag) => [flag, { type: "string" as const }])),
  demo: { type: "boolean" },
  "allow-insecure-http": { type: "boolean" },
  "allow-incomplete": { type: "boolean" },
};

/**
 * Parses the arguments after `kubeadapt contract` (`--help` is routed before this). Throws
 * {@link UsageError} with the CLI's own messages on an unknown flag, a missing or bad value.
 */
export function parseContract(argv: string[]): ContractArgs {
  const { values, positionals } = parseFlags("contract", argv, CONTRACT_FLAGS);
  if (positionals.length > 0) {
    throw new UsageError(`contract takes no arguments, only options (got "${positionals[0]}")`);
  }
  const strings = values as Partial<Record<(typeof STRING_FLAGS)[number], string>>;
  return {
    baseUrl: strings["base-url"],
    demo: values.demo === true,
    allowInsecureHttp: values["allow-insecure-http"] === true,
    mode: oneOf("--mode", strings.mode ?? "live", ["live", "mock"] as const),
    only: strings.only?.split(",").map((id) => id.trim()),
    rate: number("--rate", strings.rate, 0),
    maxRequests: number("--max-requests", strings["max-requests"], 1),
    maxDuration: number("--max-duration", strings["max-duration"], 1),
    allowIncomplete: values["allow-incomplete"] === true,
    timeout: number("--timeout", strings.timeout, 1),
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

// `--rate` takes a decimal (0.5 = one request every two seconds); the others a whole number.
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
