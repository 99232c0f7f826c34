import { readPath } from "./order.js";

/**
 * Fields of a resource that do not move while it exists, where its kind has them: its name,
 * its cluster and namespace (a Kubernetes object cannot change either), when it was created, a
 * cluster's provider and region (a cluster cannot move), what a recommendation proposes and
 * for which resource. Costs move between requests on a live organization, so they are not
 * among them (`costDiffers` compares them at one data time).
 */
export const STABLE_FIELDS = [
  "metadata.name",
  "metadata.cluster.id",
  "metadata.namespace",
  "metadata.created_at",
  "metadata.provider",
  "metadata.region",
  "metadata.type",
  "metadata.target.kind",
  "metadata.target.id",
  "metadata.target.name",
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
