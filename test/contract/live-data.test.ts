// The suite against a correct server whose data moves while it runs, as a live deployment's
// does: what the spec allows a live list to do is a note, never a violation.
import { describe, expect, it } from "vitest";
import { formatReport, runContract } from "../../src/contract/index.js";
import type { FakeDataset } from "../../src/testing/index.js";
import {
  betweenPages,
  deletedOnFirstUse,
  neverListsOne,
  offsetCursor,
  once,
  recost,
  recostOne,
  recostTop,
  removeNearTop,
  sequence,
  stack,
} from "../helpers/live-data.js";
import { errorEnvelope, json, type Layer, on, onBody, target } from "../helpers/mutant-proxy.js";
import { eachCost, fromUnits, toUnits } from "../helpers/mutants-values.js";

/** Runs `only` against the fake behind `layer`; the one check's result. */
async function runOnly(layer: Layer, only: string) {
  const report = await runContract({ ...target(layer).options, only: [only] });
  const [check] = report.checks;
  return { check, text: formatReport(report) };
}

const WORKLOADS = /^\/v1\/workloads$/;

describe("costs that move during a walk (an item crossing the position may be missed or met twice)", () => {
  it("costs going up on every cursor request: full-walks passes, with a note", async () => {
    const layer = betweenPages(WORKLOADS, 1, recostOne(sequence(7), 1.5, 4));
    const { check, text } = await runOnly(layer, "full-walks");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(/moved in the sort order|moved from/);
  });

  it("costs going down on every cursor request (ids met twice, moved): full-walks passes", async () => {
    const layer = betweenPages(WORKLOADS, 1, recostOne(sequence(3), 0.3, 1));
    const { check, text } = await runOnly(layer, "full-walks");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(/moved/);
  });
});

describe("workloads near the top deleted between pages (a live list shrinking before the position)", () => {
  const churn = () => betweenPages(WORKLOADS, 2, removeNearTop(sequence(5)));

  it("a server paging by position: full-walks passes, noting the moving total", async () => {
    const { check, text } = await runOnly(churn(), "full-walks");
    expect(check?.violations, text).toEqual([]);
  });

  it("a server paging by offset skips items whose cost stood still: full-walks fails", async () => {
    const { check } = await runOnly(stack(churn(), offsetCursor), "full-walks");
    expect(check?.violations).toContainEqual(
      expect.stringMatching(/missing from the second of three walks, though the others list it/),
    );
  });
});

describe("a server that never lists one workload, its total_count counting it", () => {
  const recosting = () => betweenPages(WORKLOADS, 1, recostOne(sequence(7), 1.5, 4));

  it.for([
    ["stands still", neverListsOne],
    ["has its costs re-computed between pages", () => stack(recosting(), neverListsOne())],
    [
      "has its costs lowered between pages",
      () => stack(betweenPages(WORKLOADS, 1, recostOne(sequence(3), 0.3, 1)), neverListsOne()),
    ],
  ] as Array<[string, () => Layer]>)("full-walks fails on a list that %s", async ([, layer]) => {
    // Ids that moved elsewhere in the list do not explain one that no walk ever lists.
    const { check, text } = await runOnly(layer(), "full-walks");
    expect(check?.status, text).toBe("failed");
    expect(check?.violations).toContainEqual(
      expect.stringMatching(/^\/v1\/workloads: total_count is (\d+) but the walk returned/),
    );
  });
});

describe("include-total-toggle while the top workload's cost dips", () => {
  it("page 2 starting with page 1's item, its cost 1 % lower (past the cursor): passes, with a note", async () => {
    const layer = betweenPages(WORKLOADS, 1, once(recostTop(0.99)));
    const { check, text } = await runOnly(layer, "include-total-toggle");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(/repeats page 1's item, its .* dropped/);
  });

  it("page 2 repeating page 1's item at the same cost still fails", async () => {
    const layer = onBody((body, { url }) => {
      if (url.pathname !== "/v1/workloads" || !url.searchParams.has("cursor")) return;
      if (url.searchParams.get("limit") === "1") body.data = [first];
    });
    let first: unknown;
    const remember = onBody((body, { url }) => {
      const page1 = url.pathname === "/v1/workloads" && !url.searchParams.has("cursor");
      if (page1 && url.searchParams.get("limit") === "1") first = body.data[0];
    });
    const { check } = await runOnly(stack(layer, remember), "include-total-toggle");
    expect(check?.violations).toEqual([expect.stringMatching(/page 2 repeats page 1's item/)]);
  });
});

/** The workload field each filter of /v1/workloads selects by. */
const WORKLOAD_FILTERS: Record<string, (w: FakeDataset["workloads"][number]) => string> = {
  cluster_id: (w) => w.metadata.cluster.id,
  namespace: (w) => w.metadata.namespace,
  kind: (w) => w.metadata.workload_kind,
};

/**
 * Before each cursor request of a filtered /v1/workloads walk, the cheapest matching workload
 * bursts to 40 times its cost (a scale-out): it now sorts before the walk's position.
 */
const burstCheapestMatch: Layer = (request, next, fake) => {
  const url = new URL(request.url);
  const filters = [...url.searchParams].filter(([name]) => name in WORKLOAD_FILTERS);
  if (url.pathname === "/v1/workloads" && url.searchParams.has("cursor") && filters.length) {
    fake.mutate((data) => {
      const mine = data.workloads.filter((w) =>
        filters.every(([name, value]) => WORKLOAD_FILTERS[name]?.(w) === value),
      );
      const rate = (w: (typeof mine)[number]) => Number(w.cost.current_run_rate_hourly.amount);
      const low = mine.reduce<(typeof mine)[number] | undefined>(
        (a, b) => (a === undefined || rate(b) < rate(a) ? b : a),
        undefined,
      );
      if (low) recost(low, 40);
    });
  }
  return next(request);
};

describe("filters while a matching workload's cost jumps during the filtered walk", () => {
  it("the item that moved before the walk's position is missing from it: a note, no violation", async () => {
    const { check, text } = await runOnly(burstCheapestMatch, "filters");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(/moved in the sort order/);
  });
});

/**
 * Costs re-computed after their list was read: every by-id and nested cost 10 % higher, with
 * the newer `last_updated_at` a cost pipeline writes with them.
 */
const recomputedSinceListed = on(
  /^\/v1\/(clusters|workloads|namespaces|teams|departments|recommendations)\/[^/]+(\/[a-z-]+)?$/,
  onBody((body) =>
    eachCost(body?.data, (cost) => {
      const rate = cost.current_run_rate_hourly;
      rate.amount = fromUnits((toUnits(rate.amount) * 11n) / 10n);
      cost.projected_monthly.amount = fromUnits(toUnits(rate.amount) * 730n);
      cost.last_updated_at = new Date(Date.parse(cost.last_updated_at) + 60_000)
        .toISOString()
        .replace(".000Z", "Z");
    }),
  ),
);

describe("costs re-computed between a list and the by-id or nested read of its items", () => {
  it.each(["single-resources", "nested-collections"])(
    "%s passes: a cost with a newer last_updated_at is not compared",
    async (id) => {
      const { check, text } = await runOnly(recomputedSinceListed, id);
      expect(check?.violations, text).toEqual([]);
      expect(check?.status).toBe("passed");
    },
  );
});

/**
 * Renames the first cluster once its list was served (an admin renaming it mid-run): the
 * cluster and every reference to it carry the new name from the next request on.
 */
function renamedAfterListed(): Layer {
  let listed = false;
  let renamed = false;
  return (request, next, fake) => {
    const clusters = new URL(request.url).pathname === "/v1/clusters";
    if (listed && !renamed && !clusters) {
      renamed = true;
      fake.mutate((data) => {
        const cluster = data.clusters[0];
        if (!cluster) return;
        cluster.metadata.name = `${cluster.metadata.name}-renamed`;
        const refs = [...data.workloads, ...data.namespaces, ...data.nodes, ...data.nodeGroups];
        for (const { metadata } of [...refs, ...data.recommendations]) {
          if (metadata.cluster.id === cluster.id) metadata.cluster.name = cluster.metadata.name;
        }
      });
    }
    listed ||= clusters;
    return next(request);
  };
}

describe("a cluster renamed after its list was read", () => {
  it("full-walks passes, noting the rename its references show", async () => {
    const { check, text } = await runOnly(renamedAfterListed(), "full-walks");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(
      /was renamed ".+" → ".+-renamed" during the run/,
    );
  });
});

/**
 * Deletes the first workload or namespace a recommendation targets just before the suite
 * follows that target (a finished Job's workload): its recommendation was read a moment ago.
 * One the suite listed itself (and reads by id as such) is left alone.
 */
function targetDeletedOnFirstUse(): Layer {
  const targets = new Set<string>();
  const listed = new Set<string>();
  let done = false;
  return async (request, next, fake) => {
    const url = new URL(request.url);
    const [, kind, id] = /^\/v1\/(workloads|namespaces)\/([0-9a-f-]{36})$/.exec(url.pathname) ?? [];
    const target = id !== undefined && targets.has(id) && !listed.has(id);
    if (!done && (kind === "workloads" || kind === "namespaces") && target) {
      done = true;
      fake.mutate((data) => {
        if (kind === "workloads") data.workloads = data.workloads.filter((w) => w.id !== id);
        else data.namespaces = data.namespaces.filter((n) => n.id !== id);
      });
    }
    const response = await next(request);
    if (response.ok && /^\/v1\/(recommendations|workloads|namespaces)$/.test(url.pathname)) {
      const { data } = await response.clone().json();
      for (const item of data) {
        if (item.kind === "Recommendation") targets.add(item.metadata.target.id);
        else listed.add(item.id);
      }
    }
    return response;
  };
}

describe("a target deleted after the recommendation or assignment naming it was read", () => {
  it("single-resources passes, noting the target that no longer resolves", async () => {
    const { check, text } = await runOnly(targetDeletedOnFirstUse(), "single-resources");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(
      /'s target (Workload|Namespace) .* → 404: not found, deleted since it was read/,
    );
  });
});

describe("a resource deleted between its list and the requests that name it (a finished Job)", () => {
  const CHECKS = [
    "limit-bounds",
    "envelopes",
    "cost-mode",
    "cursor-query-changed",
    "sort-order",
    "parameter-values",
    "full-walks",
    "single-resources",
    "nested-collections",
    "cost-explorer",
  ];
  it.each(CHECKS)("%s passes, noting the deletion", { timeout: 60_000 }, async (id) => {
    const { check, text } = await runOnly(deletedOnFirstUse(), id);
    expect(check?.violations, text).toEqual([]);
    expect(check?.status).toBe("passed");
  });

  it("a 404 for a workload its list still holds is still a violation", async () => {
    const pods404 = on(/^\/v1\/workloads\/[^/]+\/pods$/, async () =>
      json(errorEnvelope("NOT_FOUND", "no such workload"), 404),
    );
    const { check } = await runOnly(pods404, "limit-bounds");
    expect(check?.violations).toContainEqual(
      expect.stringMatching(/pods\?limit=0: expected 400 .*, got 404 NOT_FOUND/),
    );
  });
});

describe("Cost Explorer's past days growing between requests (late usage data)", () => {
  it("cost-explorer passes: each windowed request costs 1% more than the one before", async () => {
    let requests = 0;
    const growing = on(
      /^\/v1\/cost-explorer$/,
      onBody((body, { url }) => {
        if (!url.searchParams.has("start") || !Array.isArray(body?.data)) return;
        requests++;
        for (const row of body.data) {
          const units = BigInt(row.cost.total.amount.replace(".", ""));
          const grown = (units * BigInt(100 + requests)) / 100n;
          const digits = grown.toString().padStart(5, "0");
          row.cost.total.amount = `${digits.slice(0, -4)}.${digits.slice(-4)}`;
        }
      }),
    );
    const { check, text } = await runOnly(growing, "cost-explorer");
    expect(requests, text).toBe(3);
    expect(check?.violations, text).toEqual([]);
  });
});
