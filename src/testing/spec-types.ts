import type { components } from "../../generated/schema.js";

type Schemas = components["schemas"];

/** Spec schemas the fake needs that `src/types.ts` does not name. */
export type ClusterRef = Schemas["ClusterRef"];
/** A reference to another resource (a recommendation's or assignment's target). */
export type ResourceRef = Schemas["ResourceRef"];
/** `cost` of most resources. */
export type CostSummary = Schemas["CostSummary"];
/** A Kubernetes controller kind. */
export type WorkloadKind = Schemas["WorkloadKind"];
/** A pod phase. */
export type PodPhase = Schemas["PodPhase"];
/** Where a cluster runs. */
export type Provider = Schemas["Provider"];
/** Whether a cluster's agent reports. */
export type ClusterStatus = Schemas["ClusterStatus"];
/** How a node is purchased. */
export type CapacityType = Schemas["CapacityType"];
/** What a recommendation proposes. */
export type RecommendationType = Schemas["RecommendationType"];
/** A recommendation's lifecycle state. */
export type RecommendationStatus = Schemas["RecommendationStatus"];
/** Cost Explorer's grouping dimension. */
export type CostExplorerGroupBy = Schemas["CostExplorerGroupBy"];
/** A machine-readable error code. */
export type ErrorCode = Schemas["ErrorCode"];
/** One entry of `error.details`. */
export type ErrorDetail = Schemas["ErrorDetail"];
/** `meta` of every response. */
export type ResponseMeta = Schemas["ResponseMeta"];
