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
