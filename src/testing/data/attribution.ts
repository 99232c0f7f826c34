import type {
  Department,
  Organization,
  Recommendation,
  Team,
  TeamAssignment,
} from "../../types.js";
import { HOURS_PER_MONTH, usd } from "../money.js";
import { int, pick, uuid, weighted } from "../prng.js";
import type { RecommendationStatus, RecommendationType, ResourceRef } from "../spec-types.js";
import { costSummary, distinctNames, hourlyUnits, isoSeconds, streamFor } from "./common.js";
import type { FakeSizes } from "./dataset.js";
import type { Inventory } from "./inventory.js";
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
  const targets: Target[] = [
    ...inv.clusters.map(
      (c): Target => ({ kind: "Cluster", id: c.id, name: c.metadata.name, scope: [c.id] }),
    ),
    ...inv.namespaces.map(
      (n): Target => ({
        kind: "Namespace",
        id: n.id,
        name: n.metadata.name,
        scope: [n.metadata.cluster.id, n.id],
      }),
    ),
    ...inv.workloads.map(
      (w): Target => ({
        kind: "Workload",
        id: w.id,
        name: w.metadata.name,
        scope: [
          w.metadata.cluster.id,
          namespaceId.get(`${w.metadata.cluster.id}/${w.metadata.namespace}`) ?? "",
          w.id,
        ],
      }),
    ),
    ...inv.nodeGroups.map(
      (g): Target => ({
        kind: "NodeGroup",
        id: g.id,
        name: g.metadata.name,
        scope: [g.metadata.cluster.id, g.id],
      }),
    ),
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

  const rr = streamFor(seed, "recommendations");
  const clusterById = new Map(inv.clusters.map((c) => [c.id, c]));
  const recommendations: Recommendation[] = [];
  const raw: bigint[] = [];
  for (let i = 0; i < sizes.recommendations && inv.workloads.length > 0; i++) {
    let type = weighted<RecommendationType>(rr, [
      ["rightsize_workload", 5],
      ["rightsize_node_group", 2],
      ["use_spot", 1],
      ["remove_idle", 2],
    ]);
    if ((type === "rightsize_node_group" || type === "use_spot") && inv.nodeGroups.length === 0)
      type = "rightsize_workload";
    let target: ResourceRef;
    let clusterId: string;
    let summary: string;
    // What the change saves a month, from the target's own cost: every figure stays below it.
    let monthly: bigint;
    let percent: bigint;
    if (type === "rightsize_node_group" || type === "use_spot") {
      const g = pick(rr, inv.nodeGroups);
      target = { kind: "NodeGroup", id: g.id, name: g.metadata.name };
      clusterId = g.metadata.cluster.id;
      monthly = hourlyUnits(g) * HOURS_PER_MONTH;
      if (type === "use_spot" && g.metadata.capacity_type !== "spot") {
        summary = `Move ${g.metadata.name} to spot capacity`;
        percent = g.metadata.capacity_type === "reserved" ? 35n : 60n;
      } else {
        type = "rightsize_node_group";
        const nodes = g.metadata.node_count;
        const fewer = int(rr, 1, Math.max(1, nodes - 1));
        summary = `Shrink ${g.metadata.name} by ${fewer} node${fewer === 1 ? "" : "s"}`;
        percent = (100n * BigInt(fewer)) / BigInt(Math.max(1, nodes) + 1);
      }
    } else if (type === "remove_idle" && rr() < 0.4 && inv.namespaces.length > 0) {
      const n = pick(rr, inv.namespaces);
      target = { kind: "Namespace", id: n.id, name: n.metadata.name };
      clusterId = n.metadata.cluster.id;
      summary = `Remove idle namespace ${n.metadata.name}`;
      monthly = hourlyUnits(n) * HOURS_PER_MONTH;
      percent = 100n;
    } else {
      const w = pick(rr, inv.workloads);
      target = { kind: "Workload", id: w.id, name: w.metadata.name };
      clusterId = w.metadata.cluster.id;
      monthly = hourlyUnits(w) * HOURS_PER_MONTH;
      if (type === "remove_idle") {
        summary = `Remove idle workload ${w.metadata.name}`;
        percent = 100n;
      } else {
        const cores = int(rr, 2, 8);
        summary = `Lower ${w.metadata.name} CPU requests from ${cores} to 0.5 cores`;
        percent = BigInt(int(rr, 20, 70));
      }
    }
    const cluster = clusterById.get(clusterId);
    if (!cluster) continue;
    raw.push((monthly * percent) / 100n);
    const rec: Recommendation = {
      id: uuid(rr),
      kind: "Recommendation",
      metadata: {
        type,
        status: weighted<RecommendationStatus>(rr, [
          ["open", 6],
          ["applied", 2.5],
          ["dismissed", 1.5],
        ]),
        target,
        cluster: { id: cluster.id, name: cluster.metadata.name },
        created_at: isoSeconds(nowMs - int(rr, 60, 90 * 86_400) * 1000),
      },
      savings: { estimated_monthly: usd(0n) },
    };
    if (rr() < 0.9) rec.summary = summary;
    recommendations.push(rec);
  }
  // Recommendations overlap (several may target one resource), so their raw figures are scaled
  // down, if need be, to at most a quarter of the monthly bill in all: what FinOps tools
  // typically find. Each stays at or below its target's monthly cost.
  let bill = 0n;
  for (const c of inv.clusters) bill += hourlyUnits(c) * HOURS_PER_MONTH;
  const rawTotal = raw.reduce((a, b) => a + b, 0n);
  const budget = bill / 4n;
  recommendations.forEach((rec, index) => {
    const units = raw[index] as bigint;
    const scaled = rawTotal > budget ? (units * budget) / rawTotal : units;
    rec.savings = { estimated_monthly: usd(scaled) };
  });
  return { organization, departments, teams, assignments, recommendations };
}
