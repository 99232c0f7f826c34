import type {
  Cluster,
  Department,
  Namespace,
  Node,
  NodeGroup,
  Organization,
  Pod,
  Recommendation,
  Team,
  TeamAssignment,
  Workload,
} from "../../types.js";

/**
 * Every resource the fake serves, as plain spec-typed objects. `fake.data` holds them with
 * `fully_loaded` costs; `fake.view("direct")` gives the same resources with `direct` costs.
 * Arrays are in generation order, not in any API sort order.
 */
export interface FakeDataset {
  /** The tenant (`GET /v1/organization`). */
  organization: Organization;
  clusters: Cluster[];
  namespaces: Namespace[];
  workloads: Workload[];
  pods: Pod[];
  nodes: Node[];
  nodeGroups: NodeGroup[];
  recommendations: Recommendation[];
  departments: Department[];
  teams: Team[];
  assignments: TeamAssignment[];
}

/** How big the generated data set is. Every size is a non-negative integer. */
export interface FakeSizes {
  /** @default 8 */
  clusters: number;
  /** Namespaces in each cluster (the count varies by ±25 % per cluster). @default 12 */
  namespacesPerCluster: number;
  /** Workloads in total, spread over every namespace. @default 3000 */
  workloads: number;
  /** Each workload gets 1..this many pods. @default 4 */
  maxPodsPerWorkload: number;
  /** Node groups in each cluster. @default 4 */
  nodeGroupsPerCluster: number;
  /** Each node group gets 1..this many nodes. @default 8 */
  maxNodesPerGroup: number;
  /** Recommendations in total. @default 600 */
  recommendations: number;
  /** @default 5 */
  departments: number;
  /** @default 20 */
  teams: number;
  /** Each team gets 0..this many assignments. @default 40 */
  maxAssignmentsPerTeam: number;
}

/** The sizes used when `options.sizes` leaves one out. */
export const DEFAULT_SIZES: Readonly<FakeSizes> = Object.freeze({
  clusters: 8,
  namespacesPerCluster: 12,
  workloads: 3000,
  maxPodsPerWorkload: 4,
  nodeGroupsPerCluster: 4,
  maxNodesPerGroup: 8,
  recommendations: 600,
  departments: 5,
  teams: 20,
  maxAssignmentsPerTeam: 40,
});
