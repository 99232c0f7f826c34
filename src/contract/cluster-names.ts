import { eachObject } from "./json-walk.js";

/** A reference to a cluster met in a response, and where. */
interface ClusterReference {
  at: string;
  id: string;
  name: string;
}

/**
 * The references to a cluster inside `data`: every ClusterRef (an object with an `id` and a
 * `name` under a `cluster` key) and every ResourceRef of kind `Cluster` (a target).
 */
function clusterReferences(data: unknown): ClusterReference[] {
  const found: ClusterReference[] = [];
  eachObject(data, (object, at) => {
    const { id, name } = object;
    if (typeof id !== "string" || typeof name !== "string") return;
    if (at.endsWith(".cluster") || object.kind === "Cluster") found.push({ at, id, name });
  });
  return found;
}

/** How the run reads one cluster's name now, and where it says what it learned. */
export interface ClusterReader {
  /** The cluster's `metadata.name` by id now; undefined when it is gone or did not answer. */
  read(id: string): Promise<string | undefined>;
  /** Records what the check could not judge (the probe's note). */
  note(message: string): void;
}

/**
 * The name of each cluster, learned from the pages of `/v1/clusters` the run reads, to hold
 * every reference to a cluster to it: the spec's ClusterRef and ResourceRef name the resource
 * they point to, so a name denormalized into other rows and left stale by a rename shows.
 * Run-wide (one per `Session`): the cluster walk of one check serves every later one.
 */
export class ClusterNames {
  private readonly names = new Map<string, string>();
  /** Clusters read again by id this run: each is, once, before a difference counts. */
  private readonly reread = new Set<string>();

  /** Learns the names of a page of `/v1/clusters` (its `data`). */
  learn(data: unknown): void {
    if (!Array.isArray(data)) return;
    for (const item of data) {
      const name = item?.metadata?.name;
      if (typeof item?.id === "string" && typeof name === "string") this.names.set(item.id, name);
    }
  }

  /**
   * The violation of a response's `data` (the response to `label`): its references that name
   * a known cluster otherwise than its list, with how many do, or undefined. A cluster is read
   * again by id before its first difference counts: renamed since its list (the reference has
   * its new name), it is noted and the new name learned; gone, it is forgotten.
   */
  async check(data: unknown, label: string, reader: ClusterReader): Promise<string | undefined> {
    const differing = () =>
      clusterReferences(data).filter((ref) => {
        const known = this.names.get(ref.id);
        return known !== undefined && known !== ref.name;
      });
    for (const { id, name } of differing()) {
      if (this.reread.has(id)) continue;
      this.reread.add(id);
      const now = await reader.read(id);
      if (now === undefined) this.names.delete(id);
      else if (now === name) {
        reader.note(
          `cluster ${id} was renamed ${JSON.stringify(this.names.get(id))} → ${JSON.stringify(now)} during the run`,
        );
        this.names.set(id, now);
      } else this.names.set(id, now);
    }
    const wrong = differing();
    const first = wrong[0];
    if (!first) return undefined;
    const refs = wrong.length === 1 ? "1 reference names" : `${wrong.length} references name`;
    return `${label}: ${refs} a cluster otherwise than the cluster itself, e.g. ${first.at} names ${first.id} ${JSON.stringify(first.name)}, but GET /v1/clusters/${first.id} says ${JSON.stringify(this.names.get(first.id))}: a ClusterRef names the cluster it points to`;
  }
}
