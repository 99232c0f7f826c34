import type {
  Department,
  Organization,
  Recommendation,
  Team,
  TeamAssignment,
} from "../../types.js";
import { usd } from "../money.js";
import { int, pick, uuid, weighted } from "../prng.js";
import type { RecommendationStatus, RecommendationType, ResourceRef } from "../spec-types.js";
import {
  costSummary,
  costUnits,
  distinctNames,
  hourlyUnits,
  isoSeconds,
  streamFor,
} from "./common.js";
import type { FakeSizes } from "./dataset.js";
import type { Inventory } from "./inventory.js";

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

type Target = ResourceRef & { units: number };

/** Generates the attribution and insight families on top of an inventory. */
export function generateAttribution(
  seed: number,
  sizes: FakeSizes,
  nowMs: number,
  inv: Inventory,
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
  const targetsOf =
    (kind: Target["kind"]) =>
    (item: Parameters<typeof hourlyUnits>[0] & { id: string; metadata: { name: string } }) => ({
      kind,
      id: item.id,
      name: item.metadata.name,
      units: hourlyUnits(item),
    });
  const targets: Target[] = [
    ...inv.clusters.map(targetsOf("Cluster")),
    ...inv.namespaces.map(targetsOf("Namespace")),
    ...inv.workloads.map(targetsOf("Workload")),
    ...inv.nodeGroups.map(targetsOf("NodeGroup")),
  ];

  const rd = streamFor(seed, "departments");
  const departments: Department[] = distinctNames(rd, DEPARTMENTS, sizes.departments).map(
    (name) => ({
      id: uuid(rd),
      kind: "Department",
      metadata: { name, created_at: isoSeconds(nowMs - int(rd, 100, 900) * DAY_MS) },
      cost: costSummary(0, "fully_loaded", updatedAt),
    }),
  );

  const rt = streamFor(seed, "teams");
  const departmentUnits = new Map<string, number>();
  const teams: Team[] = [];
  const assignments: TeamAssignment[] = [];
  for (const name of distinctNames(rt, TEAMS, sizes.teams)) {
    const team: Team = {
      id: uuid(rt),
      kind: "Team",
      metadata: { name, created_at: isoSeconds(nowMs - int(rt, 50, 800) * DAY_MS) },
      cost: costSummary(0, "fully_loaded", updatedAt),
    };
    const r = rt();
    if (r < 0.75 && departments.length > 0) team.metadata.department_id = pick(rt, departments).id;
    else if (r < 0.9) team.metadata.department_id = null;
    teams.push(team);

    // Assignments arrive in batches that share one created_at, so the sort meets ties.
    const count = targets.length === 0 || rt() < 0.1 ? 0 : int(rt, 0, sizes.maxAssignmentsPerTeam);
    const taken = new Set<string>();
    let units = 0;
    let batchLeft = 0;
    let batchAt = nowMs;
    for (let i = 0; i < count && taken.size < targets.length; i++) {
      if (batchLeft === 0) {
        batchLeft = int(rt, 1, 5);
        batchAt = nowMs - int(rt, 60, 300 * 86_400) * 1000;
      }
      batchLeft--;
      let target = pick(rt, targets);
      while (taken.has(target.id)) target = pick(rt, targets);
      taken.add(target.id);
      units += target.units;
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
    team.cost = costSummary(units, "fully_loaded", updatedAt);
    const dep = team.metadata.department_id;
    if (dep) departmentUnits.set(dep, (departmentUnits.get(dep) ?? 0) + units);
  }
  for (const d of departments)
    d.cost = costSummary(departmentUnits.get(d.id) ?? 0, "fully_loaded", updatedAt);

  const rr = streamFor(seed, "recommendations");
  const clusterById = new Map(inv.clusters.map((c) => [c.id, c]));
  const recommendations: Recommendation[] = [];
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
    if (type === "rightsize_node_group" || type === "use_spot") {
      const g = pick(rr, inv.nodeGroups);
      target = { kind: "NodeGroup", id: g.id, name: g.metadata.name };
      clusterId = g.metadata.cluster.id;
      summary =
        type === "use_spot"
          ? `Move ${g.metadata.name} to spot capacity`
          : `Shrink ${g.metadata.name} by ${int(rr, 1, 4)} nodes`;
    } else if (type === "remove_idle" && rr() < 0.4 && inv.namespaces.length > 0) {
      const n = pick(rr, inv.namespaces);
      target = { kind: "Namespace", id: n.id, name: n.metadata.name };
      clusterId = n.metadata.cluster.id;
      summary = `Remove idle namespace ${n.metadata.name}`;
    } else {
      const w = pick(rr, inv.workloads);
      target = { kind: "Workload", id: w.id, name: w.metadata.name };
      clusterId = w.metadata.cluster.id;
      summary =
        type === "remove_idle"
          ? `Remove idle workload ${w.metadata.name}`
          : `Lower ${w.metadata.name} CPU requests from ${int(rr, 2, 8)} to 0.5 cores`;
    }
    const cluster = clusterById.get(clusterId);
    if (!cluster) continue;
    const savings = costUnits(rr, 1_000, 50_000_000, 0.15, [100_000, 500_000, 1_000_000]);
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
      savings: { estimated_monthly: usd(savings) },
    };
    if (rr() < 0.9) rec.summary = summary;
    recommendations.push(rec);
  }
  return { organization, departments, teams, assignments, recommendations };
}
