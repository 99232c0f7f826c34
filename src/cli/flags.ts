import { parseArgs } from "node:util";
import { nearest } from "./nearest.js";
import { UsageError } from "./usage-error.js";

/** One flag of a command, as `node:util`'s `parseArgs` describes it. */
export interface FlagOption {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
}

/** The flags of a command by long name (without `--`). */
export type FlagOptions = Record<string, FlagOption>;

/** Parsed flags: strings, string lists and booleans by long name, plus the positionals. */
export interface ParsedFlags {
  values: Record<string, string | string[] | boolean | undefined>;
  positionals: string[];
}

/**
 * Parses `args` for `command` with our own messages: `parseArgs` runs in its lenient mode and
 * every token it returns is checked here, so its wording never reaches the user.
 * @throws UsageError for an unknown flag, a missing value, or a value given to a boolean flag
 */
export function parseFlags(command: string, args: string[], options: FlagOptions): ParsedFlags {
  const { values, positionals, tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
    allowNegative: true,
  });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    const flag = token.rawName;
    const negated = flag.startsWith("--no-");
    if (!option || (negated && option.type !== "boolean")) {
      // A list of no flags would read "(its flags: ; see --help)".
      if (Object.keys(options).length === 0) {
        throw new UsageError(`${command} takes no flags, but was given ${flag}`);
      }
      throw new UsageError(`${command} has no flag ${flag}${suggest(token.name, options)}`);
    }
    if (option.type === "boolean" && token.inlineValue) {
      throw new UsageError(`${flag} takes no value (give ${flag} or --no-${token.name})`);
    }
    if (option.type === "string") {
      // `--limit --all`: the lenient parser would take "--all" as the value.
      const value = token.value;
      if (value === undefined || (!token.inlineValue && /^--?[a-z]/i.test(value))) {
        throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example(token.name)}`);
      }
    }
  }
  return { values: values as ParsedFlags["values"], positionals };
}

function suggest(name: string, options: FlagOptions): string {
  const near = nearest(name, Object.keys(options));
  const all = Object.keys(options).map((known) => `--${known}`);
  return near !== undefined
    ? ` (did you mean --${near}?)`
    : ` (its flags: ${all.join(", ")}; see --help)`;
}

const EXAMPLES: Record<string, string> = {
  query: "key=value",
  limit: "500",
  format: "csv",
  "max-items": "1000",
  top: "20",
  "base-url": "https://api.example.com",
  columns: "metadata.name,cost.current_run_rate_hourly",
  sum: "cost.current_run_rate_hourly",
  output: "costs.csv",
  mode: "live",
  only: "check-id,check-id",
  rate: "10",
  "max-requests": "2000",
  seed: "1",
  reporter: "junit",
  "save-cursors": "cursors.json",
  "expired-cursors": "cursors.json",
};

function example(name: string): string {
  return EXAMPLES[name] ?? "<value>";
}
