import { readPath } from "./order.js";

/**
 * Fields of a resource that do not move while it exists, where its kind has them: its name,
 * its cluster and namespace (a Kubernetes object cannot change either), and when it was
 * created. Costs move between requests on a live organization, so they are not among them.
 */
export const STABLE_FIELDS = [
  "metadata.name",
  "metadata.cluster.id",
  "metadata.namespace",
  "metadata.created_at",
] as const;

/**
 * The first stable field (see {@link STABLE_FIELDS}) that `listed` has and `got` says
 * otherwise, as `field is "x", but its list says "y"`; undefined when they agree. A by-id GET
 * that serves another resource under the id asked for shows here.
 */
export function stableFieldDiffers(listed: unknown, got: unknown): string | undefined {
  for (const field of STABLE_FIELDS) {
    const expected = readPath(listed, field);
    if (expected === undefined) continue;
    const actual = readPath(got, field);
    if (actual !== expected) {
      return `${field} is ${JSON.stringify(actual)}, but its list says ${JSON.stringify(expected)}`;
    }
  }
  return undefined;
}
