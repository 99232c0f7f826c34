import type { Random } from "../internal/prng.js";
import { expectStatus } from "./expect.js";
import { expectOk } from "./gone.js";
import type { Item } from "./list-walk.js";
import { readPath } from "./order.js";
import type { Probe } from "./probe.js";
import { sample } from "./sample.js";

/** Targets followed per kind of referrer (recommendations, team assignments). */
const SAMPLE = 5;
/** Teams whose assignments are read, at most, to find {@link SAMPLE} of them. */
const TEAMS = 3;

/** The by-id GET of each ResourceRef kind that has one. */
const BY_ID: Readonly<Record<string, string>> = {
  Cluster: "/v1/clusters/{cluster_id}",
  Namespace: "/v1/namespaces/{namespace_id}",
  Workload: "/v1/workloads/{workload_uid}",
};
/** Node groups have no by-id GET: this list holds them all (it is not paginated). */
const NODE_GROUPS = "/v1/node-groups";

/** What following one `metadata.target` found: the resource, or why there is none. */
type Followed = { found: Item } | { missing: string };

/** Follows references for one check, each node group list read once. */
class Follower {
  private nodeGroups: Promise<Item[] | undefined> | undefined;

  constructor(private readonly probe: Probe) {}

  /** The resource `target` (a ResourceRef) names, by its kind's by-id GET or node group list. */
  async follow(target: Item): Promise<Followed> {
    const id = String(target.id);
    const template = BY_ID[String(target.kind)];
    if (template === undefined) {
      this.nodeGroups ??= this.readNodeGroups();
      const found = (await this.nodeGroups)?.find((group) => group.id === id);
      return found ? { found } : { missing: `no item of ${NODE_GROUPS} has id ${id}` };
    }
    const param = /\{([^}]+)\}$/.exec(template)?.[1] as string;
    const ex = await this.probe.get(
      template as "/v1/clusters/{cluster_id}",
      { params: { path: { [param]: id } } } as never,
    );
    const found = ex.body?.data as Item | undefined;
    if (ex.status === 200 && found?.id === id) return { found };
    // A 404 is what a deleted target gives; any other failure is the server's too.
    if (ex.status !== 404) expectStatus(this.probe, ex, 200);
    return { missing: `${ex.label} → ${ex.status}` };
  }

  private async readNodeGroups(): Promise<Item[] | undefined> {
    const ex = await this.probe.get(NODE_GROUPS);
    return expectStatus(this.probe, ex, 200) && Array.isArray(ex.body?.data)
      ? ex.body.data
      : undefined;
  }
}

/** The cluster a resource is in: a cluster's own id, else its `metadata.cluster.id`. */
const clusterOf = (resource: Item): unknown =>
  resource.kind === "Cluster" ? resource.id : readPath(resource, "metadata.cluster.id");

/**
 * Follows the `metadata.target` of each of `referrers` (read from `source`) and fails one that
 * names a resource of another name, or, for a recommendation (`inCluster`), in another cluster
 * than its `metadata.cluster.id`. A target may be deleted after its referrer was read (a live
 * organization), so one that is gone is a note; none of them found fails: references that
 * never resolve (a surrogate id written for the public one) are the server's.
 */
async function expectTargets(
  probe: Probe,
  follower: Follower,
  source: string,
  referrers: readonly Item[],
  inCluster: boolean,
): Promise<void> {
  const missing: string[] = [];
  let followed = 0;
  for (const referrer of referrers) {
    const target = readPath(referrer, "metadata.target") as Item | undefined;
    if (typeof target?.id !== "string") continue;
    followed++;
    const at = `${source}: ${String(referrer.id)}'s target ${String(target.kind)} ${target.id}`;
    const resolved = await follower.follow(target);
    if ("missing" in resolved) {
      missing.push(`${at}: ${resolved.missing}`);
      continue;
    }
    const name = readPath(resolved.found, "metadata.name");
    if (name !== target.name) {
      probe.fail(
        `${at} is named ${JSON.stringify(target.name)}, but the resource says ${JSON.stringify(name)}: a ResourceRef names the resource it points to`,
      );
    }
    const cluster = readPath(referrer, "metadata.cluster.id");
    const actual = clusterOf(resolved.found);
    if (inCluster && actual !== cluster) {
      probe.fail(
        `${at} is in cluster ${String(actual)}, but the recommendation's metadata.cluster.id is ${String(cluster)}`,
      );
    }
  }
  if (missing.length === 0) return;
  const tried = missing.length === 1 ? missing[0] : `${missing.length} targets, e.g. ${missing[0]}`;
  if (missing.length === followed) {
    probe.fail(`no sampled target resolves: ${tried}: a ResourceRef names a resource that exists`);
  } else {
    probe.note(`${tried}: not found, deleted since it was read (the other targets resolve)`);
  }
}

/** Up to {@link SAMPLE} team assignments, from the assignments of up to {@link TEAMS} teams. */
async function someAssignments(probe: Probe, rand: Random, teams: readonly Item[]) {
  const assignments: Item[] = [];
  for (const team of sample(rand, teams, TEAMS)) {
    if (assignments.length >= SAMPLE) break;
    const ex = await probe.get("/v1/teams/{team_id}/assignments", {
      params: { path: { team_id: String(team.id) }, query: { limit: SAMPLE } },
    });
    if (!(await expectOk(probe, ex)) || !Array.isArray(ex.body?.data)) continue;
    assignments.push(...ex.body.data.slice(0, SAMPLE - assignments.length));
  }
  return assignments;
}

/**
 * Checks that references resolve: the `metadata.target` of a sample of `recommendations` and of
 * the assignments of a sample of `teams` (both page 1 of their lists, already read) names a
 * resource that exists, by that name, and for a recommendation in its cluster (the spec's
 * ResourceRef: a reference to another resource by kind, id and name). About 10 requests.
 */
export async function expectTargetsResolve(
  probe: Probe,
  rand: Random,
  recommendations: readonly Item[],
  teams: readonly Item[],
): Promise<void> {
  const follower = new Follower(probe);
  const advised = sample(rand, recommendations, SAMPLE);
  await expectTargets(probe, follower, "/v1/recommendations", advised, true);
  const assigned = await someAssignments(probe, rand, teams);
  await expectTargets(probe, follower, "/v1/teams/{team_id}/assignments", assigned, false);
}
