import { describe, expect, it } from "vitest";
import { serverPerTest } from "../helpers/loopback-server.js";
import { runInProcess } from "./run-cli.js";

// Servers whose pages break cursor pagination in ways that would make the CLI's items, counts or
// --sum wrong: the CLI must notice each, failing or saying so, never print a wrong number silently.
const env = { KUBEADAPT_API_TOKEN: "ka_live_cli0broken0pages0000000000000000" };
const serve = serverPerTest();
const SUM = ["--sum", "cost.current_run_rate_hourly"];

/** A workload costing 1.0000 USD an hour; `id` undefined leaves the id out. */
const workload = (id: string | undefined) => ({
  ...(id === undefined ? {} : { id }),
  kind: "Workload",
  metadata: { name: `name-${id}` },
  cost: { current_run_rate_hourly: { amount: "1.0000", currency: "USD" } },
});
const workloads = (...ids: string[]) => ids.map(workload);

/** One page's `data` and `meta.pagination`. */
interface Page {
  data: unknown[];
  pagination: Record<string, unknown>;
}
/** Pagination saying page `next` (`?cursor=c<next>`) follows. */
const more = (next: number, extra: Record<string, unknown> = {}) => ({
  has_more: true,
  next_cursor: `c${next}`,
  limit: 2,
  ...extra,
});
/** Pagination of the last page, as the spec has it. */
const last = (extra: Record<string, unknown> = {}) => ({
  has_more: false,
  next_cursor: "",
  limit: 2,
  ...extra,
});

/** Serves `pages` (`?cursor=c<N>` gets `pages[N]`) and runs `kubeadapt get` on `path` there. */
async function getOver(
  pages: Page[],
  flags: string[],
  path = "/v1/workloads",
  extra: Record<string, string> = env,
) {
  const server = await serve((request, response) => {
    const n = Number(/cursor=c(\d+)/.exec(request.url)?.[1] ?? 0);
    const page = pages[n] as Page;
    response.setHeader("content-type", "application/json");
    const meta = { request_id: `req_${n}`, pagination: page.pagination };
    response.end(JSON.stringify({ data: page.data, meta }));
  });
  return runInProcess(["get", path, ...flags, "--base-url", server.origin], extra);
}

const REPEAT_WHY =
  "the list changed during the walk (an item whose cost changed moves in the sort order, past the cursor), or the server's pages overlap; neither the items written nor a total is right, so run the command again";

describe("a server whose pages repeat items: the walk fails, naming them, and sums nothing", () => {
  it("a whole page sent again under another cursor", async () => {
    const pages = [
      { data: workloads("a", "b"), pagination: more(1) },
      { data: workloads("a", "b"), pagination: more(2) },
      { data: workloads("c"), pagination: last() },
    ];
    const run = await getOver(pages, ["--all", "-o", "csv", ...SUM]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: 2 items came again on page 2: "a", "b" of page 1: ${REPEAT_WHY}\n`,
    );
    expect(run.stdout.match(/^a,/gm)).toHaveLength(1);
    expect(run.stdout).not.toContain("TOTAL");
  });

  it("more repeats than a line holds: the first five named, the rest counted", async () => {
    const ids = ["a", "b", "c", "d", "e", "f", "g"];
    const pages = [
      { data: workloads(...ids), pagination: more(1) },
      { data: workloads(...ids), pagination: last() },
    ];
    const run = await getOver(pages, ["--all", "--limit", "7", "-o", "ndjson", ...SUM]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: 7 items came again on page 2: "a", "b", "c", "d", "e" of page 1; and 2 more: ',
    );
    expect(run.stderr).not.toContain("sum of");
  });

  it("the same id twice on one page: nothing is written", async () => {
    const pages = [{ data: workloads("a", "b", "a"), pagination: last() }];
    const run = await getOver(pages, ["-o", "csv", ...SUM]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: item "a" came twice on page 1: ${REPEAT_WHY}\n`);
    expect(run.stdout).toBe("");
  });

  it("an unpaginated list (a cluster's node groups) holding an item twice", async () => {
    const server = await serve((_, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ data: workloads("g-1", "g-1"), meta: { request_id: "r" } }));
    });
    const path = "/v1/clusters/5f0c2a34-1b2c-4d5e-8f90-123456789abc/node-groups";
    const run = await runInProcess(
      ["get", path, "-o", "csv", ...SUM, "--base-url", server.origin],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: item "g-1" came twice on page 1: the server's list holds it twice; neither the items written nor a total is right, so run the command again\n`,
    );
    expect(run.stdout).toBe("");
  });

  it("items with no id, which cannot be told apart, are counted and said", async () => {
    const nameless = workload(undefined);
    const pages = [
      { data: [nameless, nameless], pagination: more(1) },
      { data: [workload("c"), { ...nameless, id: { uid: "x" } }], pagination: last() },
    ];
    const run = await getOver(pages, ["--all", "-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("TOTAL,");
    expect(run.stderr).toContain(
      "note: 3 items had no id to tell them apart by (a string, or an integer JSON parsing holds exactly), so the CLI could not check that none of them came twice",
    );
  });

  it("ids past 2^53, which JSON parsing rounds to one number, are not taken for a repeat", async () => {
    const server = await serve((_, response) => {
      response.setHeader("content-type", "application/json");
      const pagination = JSON.stringify(last());
      response.end(
        `{"data":[{"id":9007199254740993,"kind":"Workload"},{"id":9007199254740992,"kind":"Workload"}],"meta":{"request_id":"r","pagination":${pagination}}}`,
      );
    });
    const run = await runInProcess(["get", "/v1/workloads", "--base-url", server.origin], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("note: 2 items had no id to tell them apart by");
  });

  it("no such note when every item has its id", async () => {
    const pages = [{ data: workloads("a", "b"), pagination: last({ total_count: 2 }) }];
    const run = await getOver(pages, ["-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("note:");
  });
});

describe("a list item that is not an object fails the page holding it, before it is written", () => {
  for (const [value, what] of [
    [5, "the number 5"],
    [null, "null"],
    ["w-3", 'the string "w-3"'],
    [["w-3"], "an array"],
  ] as const) {
    it(`${what} on page 2: the pages before it are written, and the walk can resume`, async () => {
      const pages = [
        { data: workloads("a", "b"), pagination: more(1) },
        { data: [workload("c"), value], pagination: last() },
      ];
      const run = await getOver(pages, ["--all", "-o", "ndjson", ...SUM]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `error: NotAnItemError: item 2 of page 2 is ${what}, not an object: the list's items are objects, so it can be neither written nor counted as one\n`,
      );
      expect(run.stderr).toContain(
        "  resume with: kubeadapt get /v1/workloads --all --query cursor=c1",
      );
      expect(run.stderr).toContain(
        "  hint: the server's list breaks the spec (its items are objects): report it to its maintainers",
      );
      expect(run.stderr).toContain(
        "partial sum of cost.current_run_rate_hourly over the 2 items written: 2.0000 USD",
      );
      expect(run.stdout.trim().split("\n")).toHaveLength(2);
    });
  }

  it("in an unpaginated list: nothing is written", async () => {
    const server = await serve((_, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ data: [workload("g-1"), 7], meta: { request_id: "r" } }));
    });
    const path = "/v1/clusters/5f0c2a34-1b2c-4d5e-8f90-123456789abc/node-groups";
    const run = await runInProcess(["get", path, ...SUM, "--base-url", server.origin], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: NotAnItemError: item 2 of page 1 is the number 7,");
    expect(run.stdout).toBe("");
  });
});

describe("a page holding more items than the page size asked for is said", () => {
  const NOTE = (held: number, size: string) =>
    `note: page 1 held ${held} items, more than the ${size} asked for: a server that does not keep to its page size may also repeat or skip items at the start of the next page`;

  it("--limit 2, and a page of 3 (its next page is another command's)", async () => {
    const pages = [{ data: workloads("a", "b", "c"), pagination: more(1) }];
    const run = await getOver(pages, ["--limit", "2", "-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("3 items, 1 page in");
    expect(run.stderr).toContain(NOTE(3, "limit of 2"));
  });

  it("no --limit: the spec's default page size, 100", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `w-${i}`);
    const pages = [{ data: workloads(...ids), pagination: last({ limit: 100 }) }];
    const run = await getOver(pages, ["-o", "ndjson"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(NOTE(101, "limit of 100"));
  });

  it("no note for pages of the size asked for", async () => {
    const pages = [
      { data: workloads("a", "b"), pagination: more(1, { total_count: 3 }) },
      { data: workloads("c"), pagination: last() },
    ];
    const run = await getOver(pages, ["--all", "--limit", "2", "-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^3 items, 2 pages in [\d.]+ s\n$/);
  });
});

describe("a walk that stops on an error still says what its pages broke", () => {
  it("an oversized page, then a page that fails: the note comes with the partial sum", async () => {
    const pages = [
      { data: workloads("a", "b", "c"), pagination: more(1) },
      { data: [workload("d"), null], pagination: last() },
    ];
    const run = await getOver(pages, ["--all", "--limit", "2", "-o", "ndjson", ...SUM]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "  partial sum of cost.current_run_rate_hourly over the 3 items written: 3.0000 USD",
    );
    expect(run.stderr).toContain(
      "  note: page 1 held 3 items, more than the limit of 2 asked for: a server that does not keep to its page size may also repeat or skip items at the start of the next page\n",
    );
  });
});

describe("a last page with has_more: false and a next_cursor is said, with the query to look", () => {
  const pages = [
    { data: workloads("a", "b"), pagination: more(1) },
    { data: workloads("c", "d"), pagination: { has_more: false, next_cursor: "c2", limit: 2 } },
    { data: workloads("e"), pagination: last() },
  ];
  const NOTE =
    "note: the last page said has_more: false yet gave a next_cursor: the walk ended there, as has_more says, but if the cursor is right the list goes on (items and total would be short); to look: --query cursor=c2";

  it("the walk ends as has_more says, and the note gives the cursor", async () => {
    const run = await getOver(pages, ["--all", "-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TOTAL,[^\n]*,4\.0000,/m);
    expect(run.stderr).toContain("4 items, 2 pages in");
    expect(run.stderr).toContain(NOTE);
  });

  it("through kubeadapt/node's transport too (a proxy variable set; loopback goes direct)", async () => {
    const run = await getOver(pages, ["--all", "-o", "ndjson"], "/v1/workloads", {
      ...env,
      HTTP_PROXY: "http://127.0.0.1:9",
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(NOTE);
  });

  it("not for a partial walk, whose last page is not the list's", async () => {
    const run = await getOver(pages, ["--limit", "2", "-o", "csv"]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("note:");
  });
});

describe("a cursor walk whose total_count changes between pages shows no count", () => {
  it('a partial walk: no "of 10", whichever count is right', async () => {
    const pages = [
      { data: workloads("a", "b"), pagination: more(1, { total_count: 10 }) },
      { data: workloads("c", "d"), pagination: more(2, { total_count: 12 }) },
    ];
    const run = await getOver(pages, ["--all", "--max-items", "3", "-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^3 items, 2 pages in [\d.]+ s \(stopped at --max-items 3;/);
    expect(run.stdout).toContain("PARTIAL TOTAL (first 3),");
    expect(run.stderr).toContain(
      "note: the server's count changed during the walk (10 items on page 1, 12 on page 2): the list changed, so items may be missing or extra, and no count is shown;",
    );
  });
});

describe('an unpaginated answer whose "data" is not the shape the spec gives the path fails', () => {
  /** Serves `data` in a single envelope and runs `kubeadapt get` on `path` there. */
  async function getData(path: string, data: unknown, flags: string[]) {
    const server = await serve((_, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ data, meta: { request_id: "r" } }));
    });
    return runInProcess(["get", path, ...flags, "--base-url", server.origin], env);
  }
  const dashboard = (amount: string) => ({
    kind: "OrganizationDashboard",
    cost: { month_to_date: { amount, currency: "USD" } },
  });
  const HINT = "  hint: the server's answer breaks the spec: report it to its maintainers\n";

  it("an array where the path returns one object (the dashboard): nothing written or summed", async () => {
    const data = [dashboard("5.0000"), dashboard("7.0000")];
    const path = "/v1/organization/dashboard";
    const run = await getData(path, data, ["-o", "table", "--sum", "cost.month_to_date"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: DataShapeError: GET ${path} answered with an array as "data", where the spec has one object: it can be neither written nor counted as one object\n${HINT}`,
    );
    expect(run.stdout).toBe("");
  });

  it("an empty array where the path returns one cluster: no '[]' and no sum of 0", async () => {
    const path = "/v1/clusters/00000000-0000-4000-8000-000000000001";
    const run = await getData(path, [], ["-o", "json", "--sum", "cost.projected_monthly"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: DataShapeError: GET /v1/clusters/{cluster_id} answered with an array as "data"',
    );
    expect(run.stdout).toBe("");
  });

  it("one object where the path returns a list (a cluster's node groups)", async () => {
    const path = "/v1/clusters/5f0c2a34-1b2c-4d5e-8f90-123456789abc/node-groups";
    const run = await getData(path, workload("g-1"), ["-o", "csv", ...SUM]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'answered with one object as "data", where the spec has a list: it can be neither written nor counted as a list',
    );
    expect(run.stdout).toBe("");
  });

  it("the node groups' list, as the spec has it, is written", async () => {
    const path = "/v1/clusters/5f0c2a34-1b2c-4d5e-8f90-123456789abc/node-groups";
    const run = await getData(path, workloads("g-1", "g-2"), ["-o", "csv"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^2 items, 1 page in/);
  });
});

describe("the page count counts the pages fetched, the empty ones the SDK skips too", () => {
  it("[a], [], [], [b]: 4 pages", async () => {
    const pages = [
      { data: workloads("a"), pagination: more(1) },
      { data: [], pagination: more(2) },
      { data: [], pagination: more(3) },
      { data: workloads("b"), pagination: last() },
    ];
    const run = await getOver(pages, ["--all", "-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^2 items, 4 pages in /);
  });

  it("an empty list is 1 page fetched; an empty last page after the items counts too", async () => {
    const empty = await getOver([{ data: [], pagination: last() }], ["--all"]);
    expect(empty.stderr).toMatch(/^0 items, 1 page in /);
    const trailing = [
      { data: workloads("a"), pagination: more(1) },
      { data: [], pagination: last() },
    ];
    expect((await getOver(trailing, ["--all"])).stderr).toMatch(/^1 item, 2 pages in /);
  });

  it("a partial walk counts the empty pages before its last, not a page fetched ahead", async () => {
    const pages = [
      { data: [], pagination: more(1) },
      { data: workloads("a", "b"), pagination: more(2) },
      { data: workloads("c"), pagination: last() },
    ];
    const run = await getOver(pages, ["--all", "--max-items", "2"]);
    expect(run.stderr).toMatch(/^2 items, 2 pages in [\d.]+ s \(stopped at --max-items 2;/);
  });
});

describe("a total_count past 2^53 is not shown as a count", () => {
  it('no "of 1e+21", and a note saying why', async () => {
    const pages = [{ data: workloads("a", "b"), pagination: more(1, { total_count: 1e21 }) }];
    const run = await getOver(pages, ["-o", "csv", ...SUM]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^2 items, 1 page in [\d.]+ s \(more pages: /);
    expect(run.stdout).toContain("PARTIAL TOTAL (first 2),");
    expect(run.stderr).toContain(
      "note: the server counted more than 2^53 items (about 1.00e+21), past the integers JSON parsing holds exactly, so its count is not shown",
    );
  });
});

describe("a whole cursor walk whose server sends no total_count, though asked, says so", () => {
  const NOTE =
    "note: the walk asked for the list's count (include_total=true) and the server sent no total_count, so the CLI could not check that the walk got every item";

  it("the walk asked for it, got none, and the 'walk got M' check could not run", async () => {
    let asked = "";
    const server = await serve((request, response) => {
      asked ||= request.url ?? "";
      const pagination = last();
      response.end(JSON.stringify({ data: workloads("a", "b"), meta: { pagination } }));
    });
    const run = await runInProcess(
      ["get", "/v1/workloads", "--all", "-o", "csv", ...SUM, "--base-url", server.origin],
      env,
    );
    expect(asked).toContain("include_total=true");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(NOTE);
  });

  it("not when the count came, nor for a partial walk, which shows no count either way", async () => {
    const counted = [{ data: workloads("a", "b"), pagination: last({ total_count: 2 }) }];
    expect((await getOver(counted, ["--all"])).stderr).not.toContain("note:");
    const partial = [{ data: workloads("a", "b"), pagination: more(1) }];
    expect((await getOver(partial, ["--limit", "2"])).stderr).not.toContain("note:");
  });

  it("not for an empty list whose page counts 0: the count is in the page the SDK skips", async () => {
    const none = "-q cluster_id=00000000-0000-4000-8000-000000000000 --demo";
    for (const flags of ["", " --all"]) {
      const run = await runInProcess(`get /v1/workloads ${none}${flags}`);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(
        /^using the embedded demo API \(--demo\)\n0 items, 1 page in [\d.]+ s\n$/,
      );
    }
  });

  it("but for an empty list whose page has no count, as for any other", async () => {
    const run = await getOver([{ data: [], pagination: last() }], ["--all"]);
    expect(run.stderr).toMatch(/^0 items, 1 page in /);
    expect(run.stderr).toContain(NOTE);
  });
});

describe("a page before the last holding fewer items than the page size, or none, is said", () => {
  const NOTE = (page: number, held: number) =>
    `note: page ${page} held ${held} items, fewer than the limit of 2 asked for, though more pages followed (every page but the last holds exactly that many): a server that does not keep to its page size may also repeat or skip items`;
  const walk = (pages: Page[]) => getOver(pages, ["--all", "--limit", "2", "-o", "csv", ...SUM]);

  it("[a, b], [], [c]: the empty page the SDK skips", async () => {
    const run = await walk([
      { data: workloads("a", "b"), pagination: more(1, { total_count: 3 }) },
      { data: [], pagination: more(2) },
      { data: workloads("c"), pagination: last() },
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^3 items, 3 pages in /);
    expect(run.stderr).toContain(NOTE(2, 0));
  });

  it("empty pages first, and empty pages after the last items but the last", async () => {
    const first = await walk([
      { data: [], pagination: more(1, { total_count: 1 }) },
      { data: workloads("a"), pagination: last() },
    ]);
    expect(first.stderr).toContain(NOTE(1, 0));
    const after = await walk([
      { data: workloads("a", "b"), pagination: more(1, { total_count: 2 }) },
      { data: [], pagination: more(2) },
      { data: [], pagination: last() },
    ]);
    expect(after.stderr).toMatch(/^2 items, 3 pages in /);
    expect(after.stderr).toContain(NOTE(2, 0));
  });

  it("[a, b], [c], [d]: a short page that said more follow", async () => {
    const run = await walk([
      { data: workloads("a", "b"), pagination: more(1, { total_count: 4 }) },
      { data: workloads("c"), pagination: more(2) },
      { data: workloads("d"), pagination: last() },
    ]);
    expect(run.stderr).toContain(NOTE(2, 1));
  });

  it("none for full pages, a short last one, or one empty last page", async () => {
    for (const tail of [workloads("c"), []]) {
      const run = await walk([
        { data: workloads("a", "b"), pagination: more(1, { total_count: 2 + tail.length }) },
        { data: tail, pagination: last() },
      ]);
      expect(run.stderr).toMatch(/^\d items, 2 pages in [\d.]+ s\n$/);
    }
  });
});
