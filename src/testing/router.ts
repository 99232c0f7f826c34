import {
  getDepartment,
  getRecommendation,
  getTeam,
  listAssignments,
  listDepartments,
  listRecommendations,
  listTeams,
} from "./handlers/attribution.js";
import type { Handler } from "./handlers/context.js";
import { queryCostExplorer } from "./handlers/cost-explorer.js";
import {
  getCluster,
  getNamespace,
  getWorkload,
  listClusters,
  listNamespaces,
  listNodeGroups,
  listNodes,
  listPods,
  listWorkloads,
} from "./handlers/inventory.js";
import { getDashboard, getOrganization } from "./handlers/organization.js";

/** The GET operations the fake serves, keyed by the spec's path template. */
export const ROUTES: Readonly<Record<string, Handler>> = {
  "/v1/clusters": listClusters,
  "/v1/clusters/{cluster_id}": getCluster,
  "/v1/clusters/{cluster_id}/namespaces": listNamespaces,
  "/v1/clusters/{cluster_id}/node-groups": listNodeGroups,
  "/v1/clusters/{cluster_id}/nodes": listNodes,
  "/v1/clusters/{cluster_id}/workloads": listWorkloads,
  "/v1/cost-explorer": queryCostExplorer,
  "/v1/departments": listDepartments,
  "/v1/departments/{department_id}": getDepartment,
  "/v1/namespaces": listNamespaces,
  "/v1/namespaces/{namespace_id}": getNamespace,
  "/v1/node-groups": listNodeGroups,
  "/v1/organization": getOrganization,
  "/v1/organization/dashboard": getDashboard,
  "/v1/recommendations": listRecommendations,
  "/v1/recommendations/{recommendation_id}": getRecommendation,
  "/v1/teams": listTeams,
  "/v1/teams/{team_id}": getTeam,
  "/v1/teams/{team_id}/assignments": listAssignments,
  "/v1/workloads": listWorkloads,
  "/v1/workloads/{workload_uid}": getWorkload,
  "/v1/workloads/{workload_uid}/pods": listPods,
};

interface Compiled {
  template: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

const COMPILED: Compiled[] = Object.entries(ROUTES).map(([template, handler]) => {
  const names: string[] = [];
  const source = template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { template, pattern: new RegExp(`^${source}$`), names, handler };
});

/** A matched route: its spec path template, handler and decoded path parameters. */
export interface RouteMatch {
  template: string;
  handler: Handler;
  params: Record<string, string>;
}

/** Finds the route of a request path, or `undefined` when the spec has no such path. */
export function matchRoute(pathname: string): RouteMatch | undefined {
  for (const route of COMPILED) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      const raw = m[i + 1] as string;
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return { template: route.template, handler: route.handler, params };
  }
  return undefined;
}
