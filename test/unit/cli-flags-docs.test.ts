import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.js";
import { GET_FLAGS } from "../../src/cli/args.js";
import { CONTRACT_FLAGS, CONTRACT_USAGE } from "../../src/cli/contract-args.js";
import type { FlagOptions } from "../../src/cli/flags.js";
import { GET_USAGE } from "../../src/cli/help.js";

const guide = (name: string) => readFileSync(join(repoRoot, "docs", "guides", name), "utf8");

/** The lines under the heading line `heading`, up to the next heading. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`no heading "${heading}"`);
  const end = lines.findIndex((line, index) => index > start && /^#{1,6} /.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join("\n");
}

/** Every `--long` and `-x` flag a text names. */
function flagsNamed(text: string): Set<string> {
  return new Set(text.match(/(?<![\w-])--?[a-z][a-z-]*/g) ?? []);
}

/** The text that describes `flag`: its table row, or its entry in a help's list of flags. */
function description(text: string, flag: string): string {
  const lines = text.split("\n");
  const named = new RegExp(`^(\\| )?[\`\\s]*(-[a-z][\`]?, [\`]?)?${flag}\\b`);
  const start = lines.findIndex((line) => named.test(line));
  if (start === -1) return "";
  if (lines[start]?.startsWith("|")) return lines[start] as string;
  const end = lines.findIndex((line, index) => index > start && !/^\s{4,}\S/.test(line));
  return lines.slice(start, end === -1 ? undefined : end).join("\n");
}

/** The numbers a description gives as the flag's default ("default 10", "default: 30"). */
function numericDefaults(text: string): string[] {
  return [...text.matchAll(/\bdefault:? `?(\d+)\b/g)].map((match) => match[1] as string);
}

/**
 * What a help text or a guide's list of flags gets wrong about `flags`: a flag left out, a
 * flag (or short form) that does not exist, a stated numeric default that the other text
 * (the help, for a guide) contradicts.
 */
function flagProblems(flags: FlagOptions, text: string, help?: string): string[] {
  const named = flagsNamed(text);
  const known = new Set<string>();
  const problems: string[] = [];
  for (const [name, option] of Object.entries(flags)) {
    const spellings = [`--${name}`, ...(option.short ? [`-${option.short}`] : [])];
    for (const spelling of spellings) {
      known.add(spelling);
      if (!named.has(spelling)) problems.push(`${spelling} is not described`);
    }
    if (option.type === "boolean") known.add(`--no-${name}`);
    const stated = numericDefaults(description(text, `--${name}`));
    const helpStated = help === undefined ? [] : numericDefaults(description(help, `--${name}`));
    if (stated.length > 0 && helpStated.length > 0 && stated.join() !== helpStated.join()) {
      problems.push(`--${name}: default ${stated.join()}, but --help says ${helpStated.join()}`);
    }
  }
  for (const flag of named) if (!known.has(flag)) problems.push(`${flag} is no flag`);
  return problems;
}

const GET_GUIDE = section(guide("cli.md"), "## `kubeadapt get`: flags");
const CONTRACT_GUIDE = section(guide("contract.md"), "## Options");

describe("every flag of the CLI is in its --help and its guide, and only real ones are", () => {
  it("kubeadapt get: --help and docs/guides/cli.md", () => {
    expect(flagProblems(GET_FLAGS, GET_USAGE)).toEqual([]);
    expect(flagProblems(GET_FLAGS, GET_GUIDE, GET_USAGE)).toEqual([]);
  });

  it("kubeadapt contract: --help and docs/guides/contract.md, with the same defaults", () => {
    expect(flagProblems(CONTRACT_FLAGS, CONTRACT_USAGE)).toEqual([]);
    expect(flagProblems(CONTRACT_FLAGS, CONTRACT_GUIDE, CONTRACT_USAGE)).toEqual([]);
    expect(numericDefaults(description(CONTRACT_GUIDE, "--timeout"))).toEqual(["30"]);
  });

  it("notices a flag left out, a flag that is gone, and a default that changed", () => {
    const flags: FlagOptions = {
      limit: { type: "string" },
      format: { type: "string", short: "o" },
      rate: { type: "string" },
      demo: { type: "boolean" },
    };
    const help = [
      "  --limit N     page size",
      "  -o, --format F  the format",
      "  --rate N      requests per second at most (default 10; 0 = no pacing)",
      "  --demo, --no-demo",
      "                the demo",
    ].join("\n");
    expect(flagProblems(flags, help)).toEqual([]);
    const guideText = [
      "| flag | what it does |",
      "|---|---|",
      "| `--format F` | the format |",
      "| `--rate N` | requests per second at most (default 5) |",
      "| `--demo` | the demo |",
      "| `--top N` | write only N |",
    ].join("\n");
    expect(flagProblems(flags, guideText, help)).toEqual([
      "--limit is not described",
      "-o is not described",
      "--rate: default 5, but --help says 10",
      "--top is no flag",
    ]);
  });
});
