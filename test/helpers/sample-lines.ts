/**
 * A line of sample output as a pattern: `…` stands for anything, a duration (`0.28 s`) for any
 * duration. `whole` (the default) matches a whole printed line; else any part of one.
 */
export function linePattern(shown: string, whole = true): RegExp {
  const parts = shown
    .trimEnd()
    .split("…")
    .map((part) =>
      part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\d+\\\.\d+ s\b/g, "\\d+\\.\\d+ s"),
    );
  return whole ? new RegExp(`^${parts.join(".*")}$`) : new RegExp(parts.join(".*"));
}

const isElision = (line: string) => line.trim() === "…";
const nonBlank = (lines: readonly string[]) => lines.filter((line) => line.trim() !== "");

/**
 * What a sample gets wrong against what was printed: each shown line not printed (in order),
 * and, marked `+`, each non-blank printed line the sample leaves out without a `…` line in its
 * place: between two shown lines, before the first or after the last (a new warning ahead of an
 * error, a line added after a hint).
 */
export function missingLines(shown: readonly string[], printed: string): string[] {
  const actual = printed.split("\n").map((line) => line.trimEnd());
  const missing: string[] = [];
  const unshown = (from: number, to: number) =>
    nonBlank(actual.slice(from, to)).map((line) => `+ ${line}`);
  let at = 0;
  let elided = false;
  let matched = false;
  for (const line of shown) {
    if (isElision(line)) {
      elided = true; // lines left out of the example
      continue;
    }
    const pattern = linePattern(line);
    const found = actual.findIndex((candidate, index) => index >= at && pattern.test(candidate));
    if (found === -1) {
      missing.push(line);
      continue;
    }
    if (!elided) missing.push(...unshown(at, found));
    at = found + 1;
    matched = true;
    elided = false;
  }
  if (matched && !elided) missing.push(...unshown(at, actual.length));
  return missing;
}
