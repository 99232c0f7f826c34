import type { Cluster, Node, NodeGroup } from "../../types.js";
import { int, pick, type Random, uuid, weighted } from "../prng.js";
import { clusterRef, costSummary, distinctNames } from "./common.js";
import type { PricedNode } from "./cost-model.js";
import type { FakeSizes } from "./dataset.js";
import { INSTANCE_TYPES, type InstanceType, nodePrice } from "./instances.js";
import { CAPACITY, GROUP_NAMES, token } from "./vocabulary.js";

/** The node groups and nodes of one cluster, with what the cost model needs of each node. */
export interface ClusterNodes {
  nodes: Node[];
  nodeGroups: NodeGroup[];
  priced: PricedNode[];
}

/**
 * Generates a cluster's node groups and nodes. A group has one or two instance types and one
 * capacity type (`spot-pool` is spot; on-premises hardware is never spot); a node costs its
 * type's price for that capacity type. Group costs are left for `rollUpInventory`.
 */
export function generateNodes(
  rn: Random,
  cluster: Cluster,
  sizes: FakeSizes,
  updatedAt: string,
): ClusterNodes {
  const { provider, region } = cluster.metadata;
  const out: ClusterNodes = { nodes: [], nodeGroups: [], priced: [] };
  const groupCount = Math.max(1, sizes.nodeGroupsPerCluster + int(rn, -1, 1));
  const groups = sizes.nodeGroupsPerCluster === 0 ? [] : distinctNames(rn, GROUP_NAMES, groupCount);
  for (const groupName of [...groups, undefined]) {
    // One pass without a group: some clusters have unmanaged nodes.
    if (groupName === undefined && rn() < 0.7) continue;
    const drawn = groupName === "spot-pool" ? "spot" : weighted(rn, CAPACITY);
    const capacity = provider === "on_prem" ? "on_demand" : drawn;
    const types: InstanceType[] = [pick(rn, INSTANCE_TYPES[provider])];
    if (rn() < 0.3) types.push(pick(rn, INSTANCE_TYPES[provider]));
    const count =
      groupName === undefined ? int(rn, 1, 2) : int(rn, 1, Math.max(1, sizes.maxNodesPerGroup));
    for (let n = 0; n < count; n++) {
      const type = pick(rn, types);
      const price = nodePrice(type, capacity);
      const zone =
        provider === "aws" ? `${region}${pick(rn, ["a", "b", "c"])}` : `${region}-${int(rn, 1, 3)}`;
      const nodeName =
        provider === "aws"
          ? `ip-10-${int(rn, 0, 255)}-${int(rn, 0, 255)}-${int(rn, 1, 254)}.${region}.compute.internal`
          : `${cluster.metadata.name}-${groupName ?? "node"}-${token(rn, 5)}`;
      const node: Node = {
        id: uuid(rn),
        kind: "Node",
        metadata: {
          name: nodeName,
          cluster: clusterRef(cluster),
          instance_type: type.name,
          capacity_type: capacity,
          zone,
        },
        cost: costSummary(price, "fully_loaded", updatedAt),
      };
      if (groupName !== undefined) node.metadata.node_group = groupName;
      out.nodes.push(node);
      out.priced.push({ type, price });
    }
    if (groupName !== undefined) {
      out.nodeGroups.push({
        id: uuid(rn),
        kind: "NodeGroup",
        metadata: {
          name: groupName,
          cluster: clusterRef(cluster),
          instance_types: types.map((x) => x.name).filter((x, i, all) => all.indexOf(x) === i),
          capacity_type: capacity,
          node_count: count,
        },
        cost: costSummary(0n, "fully_loaded", updatedAt),
      });
    }
  }
  return out;
}
