import { describe, expect, it } from "vitest";
import { tapJsonBodies } from "../../src/cli/body-tap.js";
import { findInexactNumbers } from "../../src/cli/inexact-numbers.js";
import { EXCHANGE, type Exchange } from "../../src/internal/exchange.js";
import { serverPerTest } from "../helpers/loopback-server.js";
import { runInProcess } from "./run-cli.js";

// A server whose answers cannot add up to a right number: the CLI must fail loudly (exit 1),
// never print a total as if it were right.
const TOKEN = "ka_live_cli0untrusted0numbers000000000000";
const env = { KUBEADAPT_API_TOKEN: TOKEN };
const serve = serverPerTest();
const json = (body: unknown) => JSON.stringify(body);

const row = (key: string, amount: string) => ({
  group: { dimension: "namespace", key, name: key },
  cost: { total: { amount, currency: "USD" }, cost_mode: "fully_loaded" },
});

/** A Cost Explorer page of `rows`, page `page` of `pages`, `total` rows in all. */
const costPage = (rows: unknown[], page: number, pages: number, total: number) =>
  json({
    data: rows,
    meta: {
      request_id: `req_${page}`,
      page_info: { page, per_page: 2, total_count: total, total_pages: pages },
    },
  });

const COST_EXPLORER = ["get", "/v1/cost-explorer", "--all", "--limit", "2", "--sum", "cost.total"];

/** Walks Cost Explorer over `pages` (page N is `pages[N - 1]`) with `--sum cost.total`. */
async function walkCostExplorer(pages: string[], format: string[] = []) {
  const server = await serve((request, response) => {
    const page = Number(new URL(request.url, "http://x").searchParams.get("page") ?? "1");
    response.end(pages[page - 1]);
  });
  return runInProcess([...COST_EXPLORER, ...format, "--base-url", server.origin], env);
}

describe("Cost Explorer pages by offset: rows that move mid-walk are not summed", () => {
  it("a row count that changes between pages fails instead of summing shifted pages", async () => {
    // A row was added before page 2 was read: page 2 repeats "b", and the sum would count it twice.
    const pages = [
      costPage([row("a", "1.0000"), row("b", "2.0000")], 1, 2, 4),
      costPage([row("b", "2.0000"), row("c", "3.0000")], 2, 3, 5),
      costPage([row("d", "4.0000")], 3, 3, 5),
    ];
    const run = await walkCostExplorer(pages, ["-o", "csv"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "error: Cost Explorer's rows changed during the walk (4 rows on page 1, 5 on page 2)",
    );
    expect(run.stdout).not.toContain("TOTAL");
    expect(run.stderr).not.toContain("resume with");
  });

  it("a row seen on an earlier page fails, even when the count stays the same", async () => {
    const pages = [
      costPage([row("a", "1.0000"), row("b", "2.0000")], 1, 2, 4),
      costPage([row("b", "2.0000"), row("d", "4.0000")], 2, 2, 4),
    ];
    const run = await walkCostExplorer(pages);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "error: row \"b\" of page 1 came again on page 2: rows added or removed during the walk shift Cost Explorer's numbered pages, or the server's pages overlap; neither the items written nor a total is right, so run the command again",
    );
    expect(run.stderr).not.toContain("sum of cost.total");
  });
});

describe("Cost Explorer pages that do not add up to their total_count", () => {
  it("fail at the end of the walk, with no total", async () => {
    // total_count 5 on every page, but the pages hold 2, 2 and 0 rows: one row is never served.
    const pages = [
      costPage([row("a", "3.0000"), row("b", "2.0000")], 1, 3, 5),
      costPage([row("c", "1.0000"), row("d", "0.5000")], 2, 3, 5),
      costPage([], 3, 3, 5),
    ];
    const run = await walkCostExplorer(pages, ["-o", "csv"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "error: Cost Explorer's rows changed during the walk (its pages held 4 rows, its total_count is 5)",
    );
    expect(run.stdout).not.toContain("TOTAL");
  });
});

describe("what offset paging cannot show (documented in cli.md, not noted)", () => {
  it("a row removed before page 2 and one added after it: the count holds, no key repeats", async () => {
    // "a" went and "e" came between the pages: page 2 is [d, e], and "c" is never sent.
    const pages = [
      costPage([row("a", "9.0000"), row("b", "8.0000")], 1, 2, 4),
      costPage([row("d", "6.0000"), row("e", "5.0000")], 2, 2, 4),
    ];
    const run = await walkCostExplorer(pages, ["-o", "csv"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("\r\nTOTAL,,,28.0000,,USD\r\n");
    expect(run.stderr).toMatch(/^4 items, 2 pages in [\d.]+ s\n$/);
  });
});

describe("a cursor walk that meets an item twice fails instead of writing and summing it twice", () => {
  it("an item whose cost changed mid-walk and moved past the cursor", async () => {
    const item = (id: string, amount: string) => ({
      id,
      kind: "Workload",
      cost: { current_run_rate_hourly: { amount, currency: "USD" } },
    });
    const server = await serve((request, response) => {
      const second = request.url.includes("cursor=c2");
      const data = second
        ? [item("w-1", "3.5000"), item("w-3", "3.0000")]
        : [item("w-1", "5.0000"), item("w-2", "4.0000")];
      const pagination = second
        ? { has_more: false, next_cursor: "" }
        : { has_more: true, next_cursor: "c2" };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    const run = await runInProcess(
      [
        "get",
        "/v1/workloads",
        "--all",
        "-o",
        "csv",
        "--sum",
        "cost.current_run_rate_hourly",
        "--base-url",
        server.origin,
      ],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: item "w-1" of page 1 came again on page 2: the list changed during the walk (an item whose cost changed moves in the sort order, past the cursor), or the server\'s pages overlap; neither the items written nor a total is right, so run the command again',
    );
    expect(run.stdout).not.toContain("TOTAL");
    expect(run.stdout.match(/w-1/g)).toHaveLength(1);
    expect(run.stderr).not.toContain("resume with");
  });
});

/**
 * `get --all` over two pages of 2 and 1 items whose first says `total_count: 4`; the second
 * says `lastCount`, or nothing.
 */
async function walkCountingFourGettingThree(lastCount?: number) {
  const server = await serve((request, response) => {
    const second = request.url.includes("cursor=c2");
    const ids = second ? ["w-3"] : ["w-1", "w-2"];
    const pagination = second
      ? { has_more: false, next_cursor: "", total_count: lastCount }
      : { has_more: true, next_cursor: "c2", total_count: 4 };
    response.end(
      json({ data: ids.map((id) => ({ id })), meta: { request_id: "req_1", pagination } }),
    );
  });
  return runInProcess(["get", "/v1/workloads", "--all", "--base-url", server.origin], env);
}

describe("a cursor walk whose count at the start differs from what it got says so", () => {
  it("notes the difference on stderr (items were added or removed during the walk)", async () => {
    const run = await walkCountingFourGettingThree();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "note: the server counted 4 items when the walk began, and the walk got 3: the list changed during the walk, so items may be missing or extra; run the command again for a consistent result",
    );
  });
});

describe("--sum refuses money it cannot read, naming the item", () => {
  const workload = (id: string, money: unknown) => ({
    id,
    kind: "Workload",
    cost: { current_run_rate_hourly: money },
  });
  const cases: [string, unknown, string][] = [
    ["a JSON number", { amount: 1.5, currency: "USD" }, "is not a decimal string"],
    ["an exponent", { amount: "1e3", currency: "USD" }, '"1e3" is not a decimal string'],
    ["grouping", { amount: "1,000.00", currency: "USD" }, '"1,000.00" is not a decimal string'],
    ["a lowercase currency", { amount: "1.0000", currency: "usd" }, '"usd" is not an ISO 4217'],
    ["a bare string", "0.5000", "must be a Money object"],
    ["no currency", { amount: "1.0000" }, "currency undefined is not an ISO 4217"],
  ];
  /** `--sum` over one page of two workloads: 2.0000 USD, then `money`. */
  async function sumOverOnePage(money: unknown, format: string[] = []) {
    const server = await serve((_, response) => {
      response.end(
        json({
          data: [workload("w-1", { amount: "2.0000", currency: "USD" }), workload("w-2", money)],
          meta: { request_id: "req_1", pagination: { has_more: false, next_cursor: "" } },
        }),
      );
    });
    const sum = ["--sum", "cost.current_run_rate_hourly", "--base-url", server.origin];
    return runInProcess(["get", "/v1/workloads", ...format, ...sum], env);
  }

  for (const [what, money, message] of cases) {
    it(`${what}: exit 1, and the page holding it is not written`, async () => {
      const run = await sumOverOnePage(money, ["-o", "csv"]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "error: InvalidMoneyError: --sum cost.current_run_rate_hourly of item 2 (id w-2): ",
      );
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe("");
    });
  }

  it("an amount too long to quote whole keeps its end: the cut is marked, the exponent shown", async () => {
    const amount = `1.${"0".repeat(90)}e5`;
    const run = await sumOverOnePage({ amount, currency: "USD" }, ["-o", "csv"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `amount "${"1.".padEnd(39, "0")}…${"0".repeat(36)}e5" is not a decimal string`,
    );
  });

  it("null and an absent field are counted as missing, not as an error", async () => {
    const run = await sumOverOnePage(null);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("sum of cost.current_run_rate_hourly over 1 item: 2.0000 USD");
    expect(run.stderr).toContain("note: 1 item had no cost.current_run_rate_hourly");
  });
});

describe("a partial walk never shows a count its own pages contradict", () => {
  /** One page of `ids` with `total_count` `count`, saying more pages follow. */
  async function firstPageCounting(count: number, ids: string[]) {
    const server = await serve((_, response) => {
      const data = ids.map((id) => ({
        id,
        kind: "Workload",
        cost: { current_run_rate_hourly: { amount: "1.0000", currency: "USD" } },
      }));
      const pagination = { has_more: true, next_cursor: "c2", limit: 2, total_count: count };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    return ["--base-url", server.origin];
  }
  const note = (counted: string, sent: number) =>
    `note: the server counted ${counted} but sent ${sent} and said more follow: its count is wrong (or the list changed during the walk), so it is not shown`;

  it('a first page with more items than its total_count: no "2 of 1"', async () => {
    const target = await firstPageCounting(1, ["w-1", "w-2"]);
    const sum = ["--sum", "cost.current_run_rate_hourly"];
    const run = await runInProcess(["get", "/v1/workloads", "-o", "csv", ...sum, ...target], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^2 items, 1 page in [\d.]+ s \(more pages: /);
    expect(run.stderr).toContain(note("1 item", 2));
    expect(run.stdout).toContain("PARTIAL TOTAL (first 2),");
    expect(run.stdout).not.toContain(" of 1");
  });

  it('as many items as counted, yet more follow: --max-items does not print "1 of 2"', async () => {
    const target = await firstPageCounting(2, ["w-1", "w-2"]);
    const run = await runInProcess(
      ["get", "/v1/workloads", "--all", "--max-items", "1", ...target],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^1 item, 1 page in [\d.]+ s \(stopped at --max-items 1;/);
    expect(run.stderr).toContain(note("2 items", 2));
  });

  it("a count the page agrees with is shown as before", async () => {
    const target = await firstPageCounting(3, ["w-1", "w-2"]);
    const run = await runInProcess(["get", "/v1/workloads", "--limit", "2", ...target], env);
    expect(run.stderr).toMatch(/^2 of 3 items, 1 page in /);
    expect(run.stderr).not.toContain("note:");
  });
});

describe("a cursor walk whose total_count changes between pages says so", () => {
  it("a later page's different total_count does not pass for the list's size", async () => {
    const run = await walkCountingFourGettingThree(3);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^3 items, 2 pages in /);
    expect(run.stderr).toContain(
      "note: the server's count changed during the walk (4 items on page 1, 3 on page 2; the walk got 3): the list changed, so items may be missing or extra, and no count is shown; run the command again for a consistent result",
    );
    expect(run.stderr).not.toContain("when the walk began");
  });
});

describe("--top says when the first N the server sent are not the N largest", () => {
  const usd = (amount: string) => ({ amount, currency: "USD" });
  /** One page of workloads costing `costs` an hour, in that order; `--top` and more from `flags`. */
  async function topOf(costs: unknown[], flags: string[]) {
    const server = await serve((_, response) => {
      const data = costs.map((cost, i) => ({
        id: `w-${i + 1}`,
        kind: "Workload",
        cost: { current_run_rate_hourly: cost },
      }));
      const pagination = { has_more: false, next_cursor: "", limit: 100, total_count: data.length };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    return runInProcess(["get", "/v1/workloads", ...flags, "--base-url", server.origin], env);
  }

  it("items out of the documented order (cost descending)", async () => {
    const run = await topOf([usd("5.0000"), usd("1.0000"), usd("3.0000")], ["--top", "2"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter(Boolean)).toHaveLength(2);
    expect(run.stderr).toContain(
      "note: --top 2: the server did not send the items by cost.current_run_rate_hourly descending: item w-3 (3.0000 USD) came after item w-2 (1.0000 USD), so the items written are the first 2 the server sent, not necessarily the 2 largest",
    );
  });

  it("amounts in more than one currency, which do not compare", async () => {
    const eur = { amount: "9.0000", currency: "EUR" };
    const run = await topOf([usd("5.0000"), eur, usd("3.0000")], ["--top", "1", "-o", "csv"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "note: --top 1: the items' cost.current_run_rate_hourly is in 2 currencies (USD, EUR), which do not compare, so the items written are the first 1 the server sent, not necessarily the 1 largest",
    );
  });

  it("an amount that does not compare", async () => {
    const run = await topOf([usd("5.0000"), usd("1e9"), usd("3.0000")], ["--top", "1"]);
    expect(run.stderr).toContain(
      "note: --top 1: the order by cost.current_run_rate_hourly could not be checked: item w-1 (5.0000 USD) and item w-2 (1e9 USD) do not compare",
    );
  });

  it("no note for a list in order, with ties and an item without a cost", async () => {
    const costs = [usd("5.0000"), usd("5.0000"), null, usd("3.0000"), usd("-1.0000")];
    const run = await topOf(costs, ["--top", "2"]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("note:");
  });

  it("no note when --top left nothing out", async () => {
    const run = await topOf([usd("1.0000"), usd("5.0000")], ["--top", "2"]);
    expect(run.stderr).not.toContain("note:");
  });

  it("Cost Explorer's rows, by cost.total descending", async () => {
    const pages = [costPage([row("a", "1.0000"), row("b", "2.0000")], 1, 1, 2)];
    const run = await walkCostExplorer(pages, ["--top", "1"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "note: --top 1: the server did not send the items by cost.total descending: item b (2.0000 USD) came after item a (1.0000 USD)",
    );
  });
});

describe("numbers JSON parsing cannot hold are never written changed without a word", () => {
  // Raw JSON text: these numbers must reach the CLI as the server wrote them.
  const body = (numbers: string) =>
    `{"data":[{"id":"w-1","kind":"Workload","node_count":${numbers}}],"meta":{"request_id":"req_1","pagination":{"has_more":false,"next_cursor":"","limit":100,"total_count":1}}}`;
  async function getWith(
    numbers: string,
    more: Record<string, string> = {},
    type: string | undefined = "application/json",
  ) {
    const server = await serve((_, response) => {
      if (type !== undefined) response.setHeader("content-type", type);
      response.end(body(numbers));
    });
    const argv = ["get", "/v1/workloads", "--base-url", server.origin];
    return runInProcess(argv, { ...env, ...more });
  }
  const note =
    "note: the server sent 3 numbers that JSON parsing cannot hold exactly (more digits than a double holds, or beyond its range); where the output shows one, it is rounded, or null beyond the range (an empty cell in a table, CSV or TSV): 12345678901234567891, 1e400, 0.1000000000000000055511151231257827";
  const inexact = "[12345678901234567891, 1e400, 0.1000000000000000055511151231257827]";

  it("an integer past 2^53, one beyond a double's range, a decimal with too many digits", async () => {
    const run = await getWith(inexact);
    expect(run.code).toBe(0);
    // What JSON parsing made of them, and so what the CLI writes.
    expect(run.stdout).toContain('"node_count":[12345678901234567000,null,0.1]');
    expect(run.stderr).toContain(note);
  });

  it("in CSV and a table, a number beyond the range is an empty cell, as the note says, never Infinity", async () => {
    const server = await serve((_, response) => {
      response.setHeader("content-type", "application/json");
      response.end(
        `{"data":{"kind":"OrganizationDashboard","counts":{"clusters":1,"nodes":1e400,"workloads":-1e400}},"meta":{"request_id":"r"}}`,
      );
    });
    const columns = "counts.clusters,counts.nodes,counts.workloads";
    for (const format of ["csv", "table"]) {
      const argv = ["get", "/v1/organization/dashboard", "-o", format, "--columns", columns];
      const run = await runInProcess([...argv, "--base-url", server.origin], env);
      expect(run.code, format).toBe(0);
      expect(run.stdout, format).not.toContain("Infinity");
      expect(run.stderr, format).toContain(
        "or null beyond the range (an empty cell in a table, CSV or TSV): 1e400, -1e400",
      );
    }
    const csv = await runInProcess(
      [
        "get",
        "/v1/organization/dashboard",
        "-o",
        "csv",
        "--columns",
        columns,
        "--base-url",
        server.origin,
      ],
      env,
    );
    expect(csv.stdout).toBe(`${columns}\r\n1,,\r\n`);
  });

  it("through kubeadapt/node's transport too (a proxy variable set; loopback goes direct)", async () => {
    const run = await getWith(inexact, { HTTP_PROXY: "http://127.0.0.1:9" });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(note);
  });

  it("whatever the content type, none or text/plain: the SDK parses every 2xx body as JSON", async () => {
    for (const type of [undefined, "text/plain", "application/octet-stream"]) {
      const run = await getWith(inexact, {}, type);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(note);
    }
  });

  it("keeps a transport's page exchange, and looks at the pages it answers, JSON or not", async () => {
    const page = {
      status: 200,
      ok: true,
      headers: new Headers({ "content-type": "application/json" }),
    };
    const exchange: Exchange = async () => ({ ...page, text: async () => body(inexact) });
    const transport = Object.assign(async () => new Response("{}"), { [EXCHANGE]: exchange });
    const numbers = findInexactNumbers();
    const wrapped = tapJsonBodies(transport, numbers.look) as typeof transport;
    const answer = await wrapped[EXCHANGE](
      "http://x.test/v1/workloads",
      {},
      new AbortController().signal,
    );
    expect(await answer.text()).toBe(body(inexact));
    expect(numbers.count).toBe(3);
    page.headers = new Headers();
    await wrapped[EXCHANGE]("http://x.test/v1/workloads", {}, new AbortController().signal);
    expect(numbers.count).toBe(6);
  });

  it("a long number is quoted with its cut marked and its end kept, never as another number", async () => {
    const big = "1234567890".repeat(5);
    const run = await getWith(`[${big}, 1.${"0".repeat(44)}1e5]`);
    expect(run.stderr).toContain(
      `: ${big.slice(0, 20)}…${big.slice(-19)}, ${"1.".padEnd(20, "0")}…${"0".repeat(16)}1e5\n`,
    );
  });

  it("no note for numbers that read back as the same value, however spelled", async () => {
    const run = await getWith(
      '[1.0, 1e3, -0, 0.30000000000000004, 9007199254740992, 5e-324, "1e400"]',
    );
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("note:");
  });
});

describe("CSV, TSV and table amounts in more than one currency, with no column saying which", () => {
  const money = (amount: string, currency: string) => ({ amount, currency });
  /** One page of workloads whose two money fields are in `currencies`, in that order. */
  async function csvOf(currencies: string[], flags: string[]) {
    const server = await serve((_, response) => {
      const data = currencies.map((currency, i) => ({
        id: `w-${i + 1}`,
        kind: "Workload",
        cost: {
          current_run_rate_hourly: money(`${9 - i}.0000`, currency),
          projected_monthly: money(`${90 - i}.0000`, currency),
        },
      }));
      const pagination = { has_more: false, next_cursor: "", limit: 100, total_count: data.length };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    return runInProcess(["get", "/v1/workloads", ...flags, "--base-url", server.origin], env);
  }
  const note = (path: string) =>
    `note: the rows written hold ${path} (USD, EUR) in more than one currency, and no column says which: add ${path}.currency to --columns`;

  it("--columns with an amount and not its currency", async () => {
    const flags = ["-o", "csv", "--columns", "id,cost.current_run_rate_hourly"];
    const run = await csvOf(["USD", "EUR"], flags);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("id,cost.current_run_rate_hourly\r\nw-1,9.0000\r\nw-2,8.0000\r\n");
    expect(run.stderr).toContain(note("cost.current_run_rate_hourly"));
  });

  it("the default columns, whose one currency column is the first money field's", async () => {
    const run = await csvOf(["USD", "EUR"], ["-o", "tsv"]);
    expect(run.stderr).toContain(note("cost.projected_monthly"));
    expect(run.stderr).not.toContain(note("cost.current_run_rate_hourly"));
  });

  it("a table's column of bare amounts, where a money column would show each currency", async () => {
    const amount = ["-o", "table", "--columns", "id,cost.current_run_rate_hourly.amount"];
    const bare = await csvOf(["USD", "EUR"], amount);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain(note("cost.current_run_rate_hourly"));
    const money = ["-o", "table", "--columns", "id,cost.current_run_rate_hourly"];
    const shown = await csvOf(["USD", "EUR"], money);
    expect(shown.stdout).toContain("9.0000 USD");
    expect(shown.stderr).not.toContain("note:");
  });

  it("no note with the currency column, nor for rows --top left out", async () => {
    const both = "id,cost.current_run_rate_hourly,cost.current_run_rate_hourly.currency";
    const withCurrency = await csvOf(["USD", "EUR"], ["-o", "csv", "--columns", both]);
    expect(withCurrency.stderr).not.toContain("note:");
    const amount = ["-o", "csv", "--columns", "cost.current_run_rate_hourly.amount"];
    expect((await csvOf(["USD", "EUR"], amount)).stderr).toContain(
      note("cost.current_run_rate_hourly"),
    );
    const top = ["-o", "csv", "--columns", "id,cost.projected_monthly", "--top", "1"];
    expect((await csvOf(["USD", "EUR"], top)).stderr).not.toContain("rows written hold");
  });

  it("amounts of one currency that no column shows are said, the TOTAL row's too", async () => {
    const amount = ["-o", "csv", "--columns", "cost.current_run_rate_hourly.amount"];
    expect((await csvOf(["EUR", "EUR"], amount)).stderr).toContain(
      "note: cost.current_run_rate_hourly is in EUR, but no column says so: add cost.current_run_rate_hourly.currency to --columns",
    );
    const sum = ["-o", "csv", "--columns", "id", "--sum", "cost.projected_monthly"];
    expect((await csvOf(["EUR", "EUR"], sum)).stderr).toContain(
      "note: cost.projected_monthly and the TOTAL row are in EUR, but no column says so: add cost.projected_monthly.currency to --columns",
    );
  });

  it("all in the currency the currency column shows: no note, TOTAL included", async () => {
    const run = await csvOf(["EUR", "EUR"], ["-o", "csv", "--sum", "cost.projected_monthly"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TOTAL,.*,179\.0000,/m);
    expect(run.stderr).not.toContain("note:");
  });
});

describe("CSV amounts in another currency than the currency column written shows", () => {
  it("a money column in EUR beside the only currency column, which says USD, and its TOTAL", async () => {
    const server = await serve((_, response) => {
      const data = [1, 2].map((n) => ({
        id: `w-${n}`,
        kind: "Workload",
        cost: {
          current_run_rate_hourly: { amount: `${n}.0000`, currency: "USD" },
          projected_monthly: { amount: `${n * 730}.0000`, currency: "EUR" },
        },
      }));
      const pagination = { has_more: false, next_cursor: "", limit: 100, total_count: data.length };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    const flags = ["-o", "csv", "--sum", "cost.projected_monthly", "--base-url", server.origin];
    const run = await runInProcess(["get", "/v1/workloads", ...flags], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TOTAL,.*,2190\.0000,/m);
    expect(run.stderr).toContain(
      "note: cost.projected_monthly and the TOTAL row are in EUR, but the currency column written shows USD: add cost.projected_monthly.currency to --columns",
    );
  });

  it("one object (the dashboard): its month to date in EUR in a row whose currency says USD", async () => {
    const server = await serve((_, response) => {
      const usd = (amount: string) => ({ amount, currency: "USD" });
      const data = {
        kind: "OrganizationDashboard",
        cost: {
          current_run_rate_hourly: usd("1.0000"),
          month_to_date: { amount: "5.0000", currency: "EUR" },
        },
      };
      response.end(json({ data, meta: { request_id: "req_1" } }));
    });
    const flags = ["-o", "csv", "--sum", "cost.month_to_date", "--base-url", server.origin];
    const run = await runInProcess(["get", "/v1/organization/dashboard", ...flags], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "note: cost.month_to_date and the TOTAL row are in EUR, but the currency column written shows USD: add cost.month_to_date.currency to --columns",
    );
  });
});

describe("a walk stopped after writing some rows prints the notes a whole walk would on them", () => {
  /** Page 1 holds `first` (id and amount, currency), page 2 fails with a 400. */
  async function stopAfter(first: [string, string, string][], flags: string[]) {
    const server = await serve((request, response) => {
      if (request.url.includes("cursor=c2")) {
        response.statusCode = 400;
        const error = { code: "BAD_REQUEST", message: "boom" };
        return response.end(json({ error, meta: { request_id: "req_2" } }));
      }
      const data = first.map(([id, amount, currency]) => ({
        id,
        kind: "Workload",
        cost: { current_run_rate_hourly: { amount, currency } },
      }));
      const pagination = { has_more: true, next_cursor: "c2", limit: 2 };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    const columns = ["--columns", "id,cost.current_run_rate_hourly"];
    const words = ["get", "/v1/workloads", "--all", "--limit", "2", "-o", "csv", ...columns];
    return runInProcess([...words, ...flags, "--base-url", server.origin], env);
  }

  it("the rows' amounts in two currencies with no column saying which", async () => {
    const run = await stopAfter(
      [
        ["a", "9.0000", "USD"],
        ["b", "8.0000", "EUR"],
      ],
      [],
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("id,cost.current_run_rate_hourly\r\na,9.0000\r\nb,8.0000\r\n");
    expect(run.stderr).toContain("  resume with: ");
    expect(run.stderr).toContain(
      "  note: the rows written hold cost.current_run_rate_hourly (USD, EUR) in more than one currency, and no column says which",
    );
  });

  it("--top reached out of order: the order note, and no 'nothing left to write'", async () => {
    const run = await stopAfter(
      [
        ["a", "1.0000", "USD"],
        ["b", "9.0000", "USD"],
      ],
      ["--top", "1"],
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("id,cost.current_run_rate_hourly\r\na,1.0000\r\n");
    expect(run.stderr).toContain(
      "  note: --top 1: the server did not send the items by cost.current_run_rate_hourly descending: item b (9.0000 USD) came after item a (1.0000 USD), so the items written are the first 1 the server sent, not necessarily the 1 largest\n",
    );
    expect(run.stderr).not.toContain("nothing left to write");
    expect(run.stderr).toContain(
      "  no resume command: --top 1 is reached, though by the --top note above the items not fetched may belong in the top 1 too\n",
    );
  });
});

describe("money values that break the spec's Money are written as sent, with a note", () => {
  async function csvOf(amounts: [string, string][], format = "csv") {
    const server = await serve((_, response) => {
      const data = amounts.map(([amount, currency], i) => ({
        id: `w-${i + 1}`,
        kind: "Workload",
        cost: { current_run_rate_hourly: { amount, currency } },
      }));
      const pagination = { has_more: false, next_cursor: "", limit: 100, total_count: data.length };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    const columns = "id,cost.current_run_rate_hourly,cost.current_run_rate_hourly.currency";
    const argv = ["get", "/v1/workloads", "-o", format, "--columns", columns];
    return runInProcess([...argv, "--base-url", server.origin], env);
  }

  it("an exponent, a thousands separator, a lowercase currency: counted, the first named", async () => {
    const run = await csvOf([
      ["1e3", "USD"],
      ["1,000.0000", "USD"],
      ["12.4800", "usd"],
      ["12.4800", "USD"],
      [" 12.48", "USD"],
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("w-1,1e3,USD\r\n");
    expect(run.stderr).toContain(
      `note: 4 money values written break the spec's Money (an amount of pattern ^-?[0-9]+\\.[0-9]{4}$, like 12.4800, and a currency like USD): each cell holds what the server sent, which a spreadsheet may read as another number or none: cost.current_run_rate_hourly of w-1 "1e3" USD, cost.current_run_rate_hourly of w-2 "1,000.0000" USD, cost.current_run_rate_hourly of w-3 "12.4800" usd, …`,
    );
  });

  it("a long amount is quoted with its cut marked and its end kept, never as another number", async () => {
    const amount = `1.${"0".repeat(38)}e5`;
    const run = await csvOf([[amount, "USD"]]);
    expect(run.stdout).toContain(`w-1,${amount},USD\r\n`);
    expect(run.stderr).toContain(
      `cost.current_run_rate_hourly of w-1 "${"1.".padEnd(20, "0")}…${"0".repeat(17)}e5" USD`,
    );
  });

  it("in a table too; none for amounts as the spec has them", async () => {
    const table = await csvOf([["1e3", "USD"]], "table");
    expect(table.stderr).toContain("note: 1 money value written breaks the spec's Money");
    const fine = await csvOf([["-12.4800", "USD"]]);
    expect(fine.stderr).not.toContain("note:");
  });
});

describe("CSV and TSV text that a spreadsheet would read as another number is written as sent, with a note", () => {
  const NOTE = (where: string, column = "that column") =>
    `note: some text looks like a number a spreadsheet would change (1.30 read as 1.3, 007 as 7), in ${where}: the file holds the API's text; import ${column} as text to keep it\n`;
  async function getNames(format: string, names: [string, string][]) {
    const server = await serve((_, response) => {
      const data = names.map(([name, namespace], i) => ({
        id: `w-${i + 1}`,
        kind: "Workload",
        metadata: { name, namespace },
      }));
      const pagination = { has_more: false, next_cursor: "", limit: 100, total_count: data.length };
      response.end(json({ data, meta: { request_id: "req_1", pagination } }));
    });
    const columns = "id,metadata.name,metadata.namespace";
    const argv = ["get", "/v1/workloads", "-o", format, "--columns", columns];
    return runInProcess([...argv, "--base-url", server.origin], env);
  }
  const names: [string, string][] = [
    ["1.30", "team-a"],
    ["007", "1e5"],
    ["42", "team-b"],
    ["api", "-1.0"],
  ];

  for (const format of ["csv", "tsv"]) {
    it(`${format}: the cells keep the text, and a note names each column, its count and a cell`, async () => {
      const run = await getNames(format, names);
      expect(run.code).toBe(0);
      const sep = format === "csv" ? "," : "\t";
      expect(run.stdout).toContain(["w-1", "1.30", "team-a"].join(sep));
      expect(run.stdout).toContain(["w-2", "007", "1e5"].join(sep));
      expect(run.stderr).toContain(
        NOTE(
          "metadata.name (2 cells, e.g. 1.30), metadata.namespace (2 cells, e.g. 1e5)",
          "those columns",
        ),
      );
    });
  }

  it("none for text that reads back as the same number, nor in a table or NDJSON", async () => {
    const same = await getNames("csv", [
      ["42", "-7"],
      ["0.5", "api"],
    ]);
    expect(same.stderr).not.toContain("note:");
    for (const format of ["table", "ndjson"]) {
      expect((await getNames(format, names)).stderr).not.toContain("note:");
    }
  });

  it("the demo's Kubernetes version 1.30, a string in the spec", async () => {
    const run = await runInProcess(
      "get /v1/clusters --all --demo -o csv --columns metadata.name,metadata.kubernetes_version",
    );
    expect(run.stdout).toMatch(/,1\.30\r\n/);
    expect(run.stderr).toContain(NOTE("metadata.kubernetes_version (1 cell, e.g. 1.30)"));
  });

  for (const format of ["csv", "tsv"]) {
    it(`${format}: none for a money column's bare amount (15.2000 read as 15.2 is the same amount)`, async () => {
      const columns =
        "metadata.name,cost.current_run_rate_hourly.amount,metadata.kubernetes_version";
      const run = await runInProcess([
        "get",
        "/v1/clusters",
        "--all",
        "--demo",
        "-o",
        format,
        "--columns",
        columns,
      ]);
      expect(run.code).toBe(0);
      const sep = format === "csv" ? "," : "\t";
      expect(run.stdout).toContain(["prod-dc-frankfurt", "15.2000", "1.30"].join(sep));
      expect(run.stderr).toContain(NOTE("metadata.kubernetes_version (1 cell, e.g. 1.30)"));
      expect(run.stderr).not.toContain("in cost.current_run_rate_hourly.amount");
    });
  }
});
