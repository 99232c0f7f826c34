/**
 * The first of `known` that contains `name` or is contained in it (`window_start` → `start`,
 * `output-file` → `output`, `workload` → `workloads`): the "did you mean" of a mistyped
 * `--query` key, flag or path segment. Undefined for an empty `name`, which every word contains.
 */
export function nearest(name: string, known: readonly string[]): string | undefined {
  if (name === "") return undefined;
  return known.find((word) => name.includes(word) || word.includes(name));
}
