import { readFileSync } from "node:fs";
import { join } from "node:path";
import { documentationFiles } from "../../scripts/docs/code-blocks.js";
import { repoRoot } from "../../scripts/lib/exec.js";

/** A doc file's text, by its path from the repository root. */
export const readDoc = (file: string): string => readFileSync(join(repoRoot, file), "utf8");

/** The docs a reader sees: README.md, CONTRIBUTING.md and every guide. */
export const allDocs = (): string[] => [...documentationFiles(), "CONTRIBUTING.md"];

/**
 * One fact a doc states in prose, and the value its source of truth holds: wherever `pattern`
 * matches in `file`, its first group must read `expected`.
 */
export interface StatedFact {
  file: string;
  /** Finds the statement; group 1 is the value stated. Needs the `g` flag. */
  pattern: RegExp;
  /** The value the code or the spec holds, as the doc should spell it. */
  expected: string | number;
  /** What the value is, for the message (`MAX_PAGE_SIZE`, `engines.node`). */
  source: string;
}

/**
 * What the docs get wrong about `facts`: each statement whose value differs from its source, and
 * each fact whose pattern finds nothing (a reworded doc must be re-tied, not silently unchecked).
 */
export function factProblems(
  facts: readonly StatedFact[],
  read: (file: string) => string = readDoc,
): string[] {
  return facts.flatMap(({ file, pattern, expected, source }) => {
    const text = read(file);
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) return [`${file}: nothing matches ${pattern}`];
    return matches.flatMap((match) => {
      // `10 000`, `10_000` and `10000` state one number; a line break inside a value is a space.
      const stated = match[1]?.replace(/(?<=\d)[ _](?=\d)/g, "").replace(/\s+/g, " ");
      if (stated === String(expected)) return [];
      const line = text.slice(0, match.index).split("\n").length;
      return [`${file}:${line}: says ${match[1]} where ${source} is ${expected}`];
    });
  });
}

/**
 * The fact `pattern` → `expected` in every doc that states it, and in each of `required` whether
 * or not it does (so a reworded statement there is reported, not skipped).
 */
export function statedAnywhere(
  fact: Omit<StatedFact, "file">,
  required: readonly string[],
  read: (file: string) => string = readDoc,
): StatedFact[] {
  const probe = new RegExp(fact.pattern.source, fact.pattern.flags.replace("g", ""));
  const stating = allDocs().filter((file) => probe.test(read(file)));
  return [...new Set([...required, ...stating])].map((file) => ({ ...fact, file }));
}
