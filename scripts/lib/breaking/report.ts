import type { Change } from "./change.js";
import { isBreakingLevel, type Level, type RuleId } from "./rules.js";

/** Changes with the same rule, subject and message, found in one or more places. */
export interface ChangeGroup {
  id: RuleId;
  level: Level;
  subject: string;
  message: string;
  /**
   * Operation -> where in it (`response 400`, …), in order of appearance; empty when the
   * subject says it all (a change to an operation itself).
   */
  places: Map<string, string[]>;
}

const ORDER: Record<Level, number> = { ERR: 0, WARN: 1, INFO: 2 };
const MAX_OPERATIONS = 3;

/** Groups changes that are the same change seen from several operations; breaking ones first. */
export function groupChanges(changes: Change[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const key = `${change.id}\0${change.subject}\0${change.message}`;
    let group = groups.get(key);
    if (!group) {
      const { id, level, subject, message } = change;
      group = { id, level, subject, message, places: new Map() };
      groups.set(key, group);
    }
    const { operation, where } = change;
    if (!operation || operation === change.subject) continue;
    const wheres = group.places.get(operation) ?? [];
    if (where && where !== change.subject && !wheres.includes(where)) wheres.push(where);
    group.places.set(operation, wheres);
  }
  return [...groups.values()].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
}

/** Counts of breaking (`ERR`, `WARN`) and non-breaking (`INFO`) groups. */
export function countGroups(groups: ChangeGroup[]): { breaking: number; nonBreaking: number } {
  const breaking = groups.filter((group) => isBreakingLevel(group.level)).length;
  return { breaking, nonBreaking: groups.length - breaking };
}

/** `response 400, response 401` -> `responses 400, 401` */
function joinWheres(wheres: string[]): string {
  const statuses = wheres.map((where) => /^response (\S+)$/.exec(where)?.[1]);
  if (wheres.length < 2 || statuses.some((status) => status === undefined))
    return wheres.join(", ");
  return `responses ${statuses.join(", ")}`;
}

/** `GET /a (response 400, response 401), GET /b and 3 more operations` */
function places(group: ChangeGroup): string {
  const entries = [...group.places];
  const shown = entries
    .slice(0, MAX_OPERATIONS)
    .map(([operation, wheres]) =>
      wheres.length ? `${operation} (${joinWheres(wheres)})` : operation,
    )
    .join(", ");
  const more = entries.length - MAX_OPERATIONS;
  return more > 0 ? `${shown} and ${more} more operations` : shown;
}

/** The report `check:breaking` prints: breaking changes, then the others, then a summary. */
export function formatReport(groups: ChangeGroup[]): string {
  const lines: string[] = [];
  const { breaking, nonBreaking } = countGroups(groups);
  for (const [title, wanted] of [
    [`Breaking changes (${breaking}):`, true],
    [`Non-breaking changes (${nonBreaking}):`, false],
  ] as const) {
    const selected = groups.filter((group) => isBreakingLevel(group.level) === wanted);
    if (selected.length === 0) continue;
    lines.push(title);
    for (const group of selected) {
      lines.push(`  ${group.level.padEnd(4)} ${group.id}: ${group.subject}: ${group.message}`);
      const where = places(group);
      if (where) lines.push(`       in ${where}`);
    }
  }
  lines.push(`${breaking} breaking, ${nonBreaking} non-breaking change(s).`);
  return lines.join("\n");
}

/** The changes as Markdown list items, for CHANGELOG.md. */
export function formatMarkdown(groups: ChangeGroup[]): string {
  return groups
    .map((group) => {
      const mark = isBreakingLevel(group.level) ? "**Breaking:** " : "";
      const where = places(group);
      return `- ${mark}\`${group.subject}\`: ${group.message} (\`${group.id}\`${where ? `; ${where}` : ""})`;
    })
    .join("\n");
}
