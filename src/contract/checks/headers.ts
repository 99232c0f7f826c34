import { type ContractCheck, discoverIds, prefer, unknownId } from "../context.js";
import {
  COST_EXPLORER,
  CURSOR_FAMILIES,
  noIdNote,
  pathParamsAll,
  pathParamsFor,
  UNPAGINATED,
} from "../families.js";

/**
 * Check: one response of every kind the API sends. The assertions themselves run on every
 * response of every check (`headerViolations`); this check makes sure each kind is seen.
 */
export const responseHeaders: ContractCheck = {
  id: "response-headers",
  title:
    "Content-Type is application/json, documented headers are present and valid, and X-Request-Id (when sent) equals meta.request_id on every response: each GET's 200, and 400, 401, 404",
  async run({ probe, mode }) {
    const ids = await discoverIds(probe);
    for (const path of [
      ...Object.keys(CURSOR_FAMILIES),
      ...Object.keys(UNPAGINATED),
      COST_EXPLORER,
    ]) {
      const filled = pathParamsFor(path, ids);
      if ("missing" in filled) {
        probe.note(noIdNote(path, filled.missing));
        continue;
      }
      await probe.get(path as "/v1/organization", { params: { path: filled.params } } as never);
    }
    await probe.get("/v1/workloads", { params: { query: { limit: 0 } } });
    await probe.get("/v1/workloads", undefined, { anonymous: true });
    await probe.get(
      "/v1/clusters/{cluster_id}",
      { params: { path: pathParamsAll("/v1/clusters/{cluster_id}", unknownId()) } } as never,
      mode === "mock" ? { headers: prefer(404) } : {},
    );
    return undefined;
  },
};
