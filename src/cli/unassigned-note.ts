/**
 * The note for a `--sum` over Cost Explorer grouped by team or department, whose rows hold only
 * what is assigned to a team (see the spec's `group_by`): the total, exact as it is, reads as
 * the organization's cost and is not. Undefined for any other list or grouping.
 * @param query - the query sent, `group_by` among it (Cost Explorer's default is `cluster`)
 */
export function unassignedNote(
  template: string,
  query: Readonly<Record<string, unknown>>,
  sum: string | undefined,
): string | undefined {
  const by = query.group_by;
  if (template !== "/v1/cost-explorer" || sum === undefined) return undefined;
  if (by !== "team" && by !== "department") return undefined;
  const unassigned =
    by === "team"
      ? "resources assigned to no team"
      : "resources of no team and teams in no department";
  return `note: grouped by ${by}, Cost Explorer's rows hold only what is assigned to a ${by}: ${unassigned} are in no row, so the sum of ${sum} is not the organization's cost (group_by=cluster covers all of it)`;
}
