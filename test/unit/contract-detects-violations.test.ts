import { describe, expect, it } from "vitest";
import { type CheckResult, formatReport, runContract } from "../../src/contract/index.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

// biome-ignore lint/suspicious/noExplicitAny: the stub rewrites response bodies freely
type Loose = any;

const json = (body: unknown, status: number, headers: Headers) =>
  new Response(JSON.stringify(body), { status, headers });

/**
 * The fake, broken three ways: `limit=0` is served as a 200 page, every page 2+ of
 * `/v1/workloads` repeats the previous page's last item, and error envelopes lose `details`.
 */
function brokenServer() {
  const fake = createFakeKubeadapt({ sizes: { workloads: 60 } });
  let lastWorkload: unknown;
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.searchParams.get("limit") === "0") url.searchParams.set("limit", "1");
    const response = await fake.fetch(new Request(url, request));
    const body: Loose = await response.json();
    if (body.error) delete body.error.details;
    if (url.pathname === "/v1/workloads" && response.ok) {
      const last = body.data[body.data.length - 1];
      if (url.searchParams.has("cursor") && lastWorkload) body.data[0] = lastWorkload;
      lastWorkload = last;
    }
    return json(body, response.status, response.headers);
  };
  return { baseUrl: fake.baseUrl, fetch };
}

const byId = (checks: CheckResult[], id: string): CheckResult => {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
};

describe("the contract suite catches a broken server", () => {
  it("fails the checks the breakage violates, naming the request and what was wrong", async () => {
    const server = brokenServer();
    const only = [
      "limit-bounds",
      "full-walks",
      "unauthorized",
      "not-found",
      "invalid-cursor",
      "cursor-query-changed",
      "envelopes",
    ];
    const report = await runContract({
      rate: 0,
      ...server,
      token: "t",
      mode: "live",
      walkLimit: 7,
      only,
    });
    const { checks } = report;

    const limits = byId(checks, "limit-bounds");
    expect(limits.status).toBe("failed");
    expect(limits.violations).toContain(
      'GET /v1/workloads?limit=0: expected 400 BAD_REQUEST with details[0].field "limit", got 200',
    );

    const walks = byId(checks, "full-walks");
    expect(walks.status).toBe("failed");
    expect(walks.violations.join("\n")).toMatch(
      /\/v1\/workloads: duplicate id [0-9a-f-]{36} on page 1 and page 2/,
    );

    for (const id of ["unauthorized", "not-found", "invalid-cursor", "cursor-query-changed"]) {
      const check = byId(checks, id);
      expect(check.status, id).toBe("failed");
      expect(check.violations.join("\n"), id).toContain(
        "does not match the spec: /error must have required property 'details'",
      );
    }

    // Untouched behaviour still passes: the failures are about the breakage, not the suite.
    expect(byId(checks, "envelopes").status).toBe("passed");
    expect(formatReport(report)).toMatch(
      /^✗ limit-bounds: .*\n {4}✗ GET \/v1\/workloads\?limit=0: /m,
    );
  });

  it("finds a server that is not the API untestable, once, and runs no check", async () => {
    const report = await runContract({
      rate: 0,
      baseUrl: "https://not-the-api.test",
      token: "t",
      fetch: async () => new Response("<html>Not Found</html>", { status: 404 }),
    });
    expect(report.untestable).toBe(
      "no Kubeadapt API at https://not-the-api.test: GET /v1/organization → 404, text/plain, not JSON (check the base URL: it is the part before /v1)",
    );
    expect(report.requests).toBe(1);
    expect(report.passed).toBe(0);
    expect(report.errors).toBe(report.checks.length);
  });

  it("names a redirect to another origin, whatever fetch followed it, instead of blaming the token", async () => {
    const report = await runContract({
      rate: 0,
      baseUrl: "http://127.0.0.1:8080",
      token: "t",
      // As any fetch answers after following a redirect: the last response, its URL kept.
      fetch: async () => {
        const response = Response.json({ error: { code: "UNAUTHORIZED" } }, { status: 401 });
        return Object.defineProperties(response, {
          url: { value: "https://api.example.com/kubeadapt/v1/organization?from=http" },
          redirected: { value: true },
        });
      },
    });
    expect(report.untestable).toBe(
      "http://127.0.0.1:8080 redirected to https://api.example.com/kubeadapt/v1/organization, another origin, where the token is not sent: GET /v1/organization → 401 UNAUTHORIZED (if the API is there, use --base-url https://api.example.com/kubeadapt)",
    );
  });

  it("passes nothing against a server that is not the API past its organization", async () => {
    const report = await runContract({
      rate: 0,
      baseUrl: "https://not-the-api.test",
      token: "t",
      fetch: async (request) =>
        new URL(request.url).pathname === "/v1/organization"
          ? Response.json({})
          : new Response("<html>Not Found</html>", { status: 404 }),
    });
    expect(report.untestable).toBeUndefined();
    expect(report.passed).toBe(0);
    const skipped = report.checks.filter((c) => c.status === "skipped").map((c) => c.id);
    // Skipped only where the suite cannot act at all against a live target without hooks.
    expect(skipped).toEqual(["cursor-expired", "rate-limited", "named-examples"]);
    for (const check of report.checks.filter((c) => c.status === "failed")) {
      expect(check.violations.join("\n")).toContain("body is not JSON");
    }
    expect(formatReport(report)).toMatch(
      new RegExp(
        `\\n0 passed, ${report.checks.length - 3} failed, 3 skipped, 0 errors; \\d+ requests \\(0 retried\\) in \\d+\\.\\d\\d s$`,
      ),
    );
  });

  it("says why a skipped check did not run", async () => {
    const fake = createFakeKubeadapt({ sizes: { workloads: 10 } });
    const report = await runContract({
      rate: 0,
      baseUrl: fake.baseUrl,
      token: "t",
      fetch: fake.fetch,
      only: ["cursor-expired", "rate-limited"],
    });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["cursor-expired", "skipped"],
      ["rate-limited", "skipped"],
    ]);
    expect(report.checks[0]?.skippedBecause).toMatch(/24 hours.*hooks\.expireCursors/);
    expect(report.checks[1]?.skippedBecause).toMatch(/hooks\.rateLimited/);
    expect(formatReport(report)).toContain("– cursor-expired: ");
  });

  // CostExplorerBadRequest says only that `details[].field` names per_page: a server may put
  // another detail first (ListBadRequest, by contrast, pins `limit` to details[0]).
  describe("cost-explorer's per_page 400 names per_page in any detail", () => {
    const detailsOfPerPage400 = (rewrite: (details: Loose[]) => Loose[]) => {
      const fake = createFakeKubeadapt({ sizes: { workloads: 10 } });
      const fetch = async (request: Request): Promise<Response> => {
        const response = await fake.fetch(request);
        if (response.status !== 400) return response;
        const body: Loose = await response.json();
        body.error.details = rewrite(body.error.details);
        return json(body, response.status, response.headers);
      };
      const only = ["cost-explorer"];
      return runContract({ rate: 0, baseUrl: fake.baseUrl, fetch, token: "t", walkLimit: 8, only });
    };
    const general = { field: "query", message: "the query string is invalid" };

    it("passes a server that puts another detail before the one naming per_page", async () => {
      const report = await detailsOfPerPage400((details) => [general, ...details]);
      expect(byId(report.checks, "cost-explorer").violations).toEqual([]);
      expect(byId(report.checks, "cost-explorer").status).toBe("passed");
    });

    it("fails a server whose details never name per_page, quoting them all", async () => {
      const report = await detailsOfPerPage400((details) => [
        general,
        ...details.map((d) => ({ ...d, field: "page" })),
      ]);
      const check = byId(report.checks, "cost-explorer");
      expect(check.status).toBe("failed");
      expect(check.violations[0]).toBe(
        'GET /v1/cost-explorer?per_page=0: expected 400 BAD_REQUEST with details[].field "per_page", got 400 BAD_REQUEST {"field":"query","message":"the query string is invalid"} {"field":"page","reason":"out_of_range","message":"per_page must be an integer between 1 and 500"}',
      );
    });
  });

  it("refuses an unknown check id", async () => {
    await expect(
      runContract({ rate: 0, baseUrl: "https://x.test", token: "t", only: ["limits"] }),
    ).rejects.toThrow("unknown contract check: limits");
  });
});
