import { expectStatus } from "./expect.js";
import type { Exchange, Probe } from "./probe.js";
import { idsOn } from "./scope.js";

/** Page size of the look for a resource in its list: the largest, one request. */
const LOOK = 500;

/** Per probe, `list id` → whether that resource was found gone from its list. */
const verdicts = new WeakMap<Probe, Map<string, boolean>>();

/**
 * The path parameters of `ex` with the list each was taken from: `/v1/workloads/{workload_uid}/pods`
 * gives the workload's id and `/v1/workloads`. Read from the end of the URL's path, so a base
 * path before `/v1` does not matter.
 */
function namedResources(ex: Exchange): Array<{ list: string; id: string }> {
  const template = ex.template?.split("/") ?? [];
  const actual = ex.url.pathname.split("/").slice(-template.length);
  const out: Array<{ list: string; id: string }> = [];
  template.forEach((segment, i) => {
    const value = actual[i];
    if (/^\{.+\}$/.test(segment) && value !== undefined) {
      out.push({ list: template.slice(0, i).join("/"), id: decoded(value) });
    }
  });
  return out;
}

/** A path segment decoded; as sent when it does not decode (a deliberately broken value). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Whether an earlier 200 page of `list` held `id`: the suite found it there, it made none up. */
const listedBefore = (probe: Probe, list: string, id: string) =>
  probe.exchanges.some((ex) => ex.status === 200 && ex.template === list && idsOn(ex).includes(id));

/** Whether page 1 of `list` (one request) no longer holds `id`; false when it failed (a violation). */
async function goneFrom(probe: Probe, list: string, id: string): Promise<boolean> {
  const page = await probe.get(list as "/v1/clusters", { params: { query: { limit: LOOK } } });
  return expectStatus(probe, page, 200) && !idsOn(page).includes(id);
}

/**
 * Whether `ex` is a 404 for a resource the suite read from its list a moment ago and that the
 * list no longer holds: a live resource deleted in between (a finished Job's workload), so the
 * request tells nothing; a note says so, once per resource, and the caller leaves it unjudged.
 * False for any other response, for an id the suite made up (a broken value, a random id), and
 * for a 404 whose resource its list still holds: that one is the server's, for the caller to judge.
 */
export async function goneSinceListed(probe: Probe, ex: Exchange): Promise<boolean> {
  if (ex.status !== 404) return false;
  const known = verdicts.get(probe) ?? new Map<string, boolean>();
  verdicts.set(probe, known);
  for (const { list, id } of namedResources(ex)) {
    const key = `${list} ${id}`;
    let gone = known.get(key);
    if (gone === undefined) {
      gone = listedBefore(probe, list, id) && (await goneFrom(probe, list, id));
      known.set(key, gone);
      if (gone)
        probe.note(`${ex.template}: ${id} was deleted after it was listed, so not compared`);
    }
    if (gone) return true;
  }
  return false;
}

/**
 * Whether `ex` is a 200 to read on: a 404 for a resource deleted since it was listed is left
 * unjudged ({@link goneSinceListed}), any other status than 200 is a violation. False either way.
 */
export async function expectOk(probe: Probe, ex: Exchange): Promise<boolean> {
  return !(await goneSinceListed(probe, ex)) && expectStatus(probe, ex, 200);
}
