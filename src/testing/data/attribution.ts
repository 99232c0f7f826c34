import type {
  Department,
  Organization,
  Recommendation,
  Team,
  TeamAssignment,
} from "../../types.js";
import { int, pick, uuid } from "../prng.js";
import type { ResourceRef } from "../spec-types.js";
import { costSummary, distinctNames, isoSeconds, streamFor } from "./common.js";
import type { FakeSizes } from "./dataset.js";
import type { Inventory } from "./inventory.js";
import { generateRecommendations } from "./recommendations.js";
import { rollUpAttribution } from "./rollup.js";

const DAY_MS = 86_400_000;
const DEPARTMENTS = [
  "engineering",
  "data",
  "product",
  "operations",
  "finance",
  "marketing",
  "sales",
  "security",
];
const TEAMS = [
  "payments",
  "search",
  "checkout",
  "identity",
  "growth",
  "platform",
  "sre",
  "ml",
  "mobile",
  "web",
  "billing",
  "insights",
  "ingest",
  "catalog",
  "fraud",
  "infra",
  "messaging",
  "support-tools",
];

/** Teams, departments, assignments, recommendations and the organization. */
export interface Attribution {
  organization: Organization;
  departments: Department[];
  teams: Team[];
  assignments: TeamAssignment[];
  recommendations: Recommendation[];
}

// `scope` is the target's place in the hierarchy (cluster, then namespace or node group, then
// workload): two targets overlap when one scope starts with the other.
type Target = ResourceRef & { scope: string[] };

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Generates the attribution and insight families on top of an inventory. */
export function generateAttribution(
  seed: number,
  sizes: FakeSizes,
  nowMs: number,
  inv: Omit<Inventory, "direct">,
): Attribution {
  const updatedAt = isoSeconds(nowMs - 60_000);
  const ro = streamFor(seed, "organization");
  const organization: Organization = {
    id: uuid(ro),
    kind: "Organization",
    metadata: {
      name: "Acme Corp",
      plan: "enterprise",
      created_at: isoSeconds(nowMs - 1_000 * DAY_MS),
    },
  };

  // Every resource a team can be assigned, as the reference its assignment carries.
  const namespaceId = new Map(
    inv.namespaces.map((n) => [`${n.metadata.cluster.id}/${n.metadata.name}`, n.id]),
  );
  const targetOf = (
    kind: Target["kind"],
    item: { id: string; metadata: { name: string } },
    ...scope: string[]
  ): Target => ({ kind, id: item.id, name: item.metadata.name, scope: [...scope, item.id] });
  const targets: Target[] = [
    ...inv.clusters.map((c) => targetOf("Cluster", c)),
    ...inv.namespaces.map((n) => targetOf("Namespace", n, n.metadata.cluster.id)),
    ...inv.workloads.map((w) =>
      targetOf(
        "Workload",
        w,
        w.metadata.cluster.id,
        namespaceId.get(`${w.metadata.cluster.id}/${w.metadata.namespace}`) ?? "",
      ),
    ),
    ...inv.nodeGroups.map((g) => targetOf("NodeGroup", g, g.metadata.cluster.id)),
  ];

  const rd = streamFor(seed, "departments");
  const departments: Department[] = distinctNames(rd, DEPARTMENTS, sizes.departments).map(
    (name) => ({
      id: uuid(rd),
      kind: "Department",
      metadata: { name, created_at: isoSeconds(nowMs - int(rd, 100, 900) * DAY_MS) },
      cost: costSummary(0n, "fully_loaded", updatedAt),
    }),
  );

  const rt = streamFor(seed, "teams");
  const teams: Team[] = [];
  const assignments: TeamAssignment[] = [];
  for (const name of distinctNames(rt, TEAMS, sizes.teams)) {
    const team: Team = {
      id: uuid(rt),
      kind: "Team",
      metadata: { name, created_at: isoSeconds(nowMs - int(rt, 50, 800) * DAY_MS) },
      cost: costSummary(0n, "fully_loaded", updatedAt),
    };
    const r = rt();
    if (r < 0.75 && departments.length > 0) team.metadata.department_id = pick(rt, departments).id;
    else if (r < 0.9) team.metadata.department_id = null;
    teams.push(team);

    // Assignments arrive in batches that share one created_at, so the sort meets ties. A team
    // is never assigned two resources of which one contains the other (a cluster and one of
    // its namespaces), so its cost counts nothing twice; a few draws may find no free target.
    const count = targets.length === 0 || rt() < 0.1 ? 0 : int(rt, 0, sizes.maxAssignmentsPerTeam);
    const taken: Target[] = [];
    let batchLeft = 0;
    let batchAt = nowMs;
    for (let i = 0; i < count; i++) {
      const target = pick(rt, targets);
      if (taken.some((t) => overlaps(t.scope, target.scope))) continue;
      taken.push(target);
      if (batchLeft === 0) {
        batchLeft = int(rt, 1, 5);
        batchAt = nowMs - int(rt, 60, 300 * 86_400) * 1000;
      }
      batchLeft--;
      assignments.push({
        id: uuid(rt),
        kind: "TeamAssignment",
        metadata: {
          team_id: team.id,
          target: { kind: target.kind, id: target.id, name: target.name },
          created_at: isoSeconds(batchAt),
        },
      });
    }
  }
  rollUpAttribution({ ...inv, teams, departments, assignments }, "fully_loaded");

  const recommendations = generateRecommendations(seed, sizes, nowMs, inv);
  return { organization, departments, teams, assignments, recommendations };
}
