// The suite against a live server that rate-limits, blips and drops connections: it paces
// itself, honours Retry-After, retries a bounded number of times, keeps to its request budget,
// and never passes a check on a response it could not get.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CheckResult,
  type ContractOptions,
  contractChecks,
  formatReport,
  runContract,
} from "../../src/contract/index.js";
import { MAX_BODY_BYTES } from "../../src/contract/session.js";
import {
  createFakeKubeadapt,
  type FakeFaults,
  type FakeKubeadapt,
  type FakeServer,
  fakeContractHooks,
} from "../../src/testing/index.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const small = (faults?: FakeFaults) =>
  createFakeKubeadapt({ token: "t", sizes: { workloads: 120, recommendations: 60 }, faults });

/** In process, no real-time waits: the fake's clock absorbs Retry-After and backoff. */
const inProcess = (fake: FakeKubeadapt, extra: Partial<ContractOptions> = {}): ContractOptions => ({
  baseUrl: fake.baseUrl,
  token: "t",
  fetch: fake.fetch,
  rate: 0,
  hooks: fakeContractHooks(fake),
  ...extra,
});

/** A fetch in front of the fake that rewrites 429 responses. */
function rewrite429(fake: FakeKubeadapt, edit: (headers: Headers, body: string) => string) {
  return async (request: Request): Promise<Response> => {
    const response = await fake.fetch(request);
    if (response.status !== 429) return response;
    const headers = new Headers(response.headers);
    const body = edit(headers, await response.text());
    return new Response(body, { status: 429, headers });
  };
}

const byId = (checks: CheckResult[], id: string) => checks.find((c) => c.id === id);
const ALL_PASS = Object.fromEntries(contractChecks.map(({ id }) => [id, "passed"]));
const statuses = (checks: CheckResult[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe("a correct server that rate-limits and blips", () => {
  it("429 with Retry-After: 1 on every 25th request and 503 on every 40th: 0 violations, every check runs", {
    timeout: 30_000,
  }, async () => {
    const fake = createFakeKubeadapt({
      token: "t",
      faults: {
        rateLimit: { every: 25, retryAfterSeconds: 1 },
        serverErrors: { every: 40, status: 503 },
      },
    });
    const results: string[] = [];
    const report = await runContract(
      inProcess(fake, { onResult: (r) => results.push(r.id), expiredCursors: undefined }),
    );
    expect(report.failed, formatReport(report)).toBe(0);
    expect(statuses(report.checks)).toEqual(ALL_PASS);
    expect(results).toEqual(contractChecks.map((c) => c.id));
    const limited = fake.requests.filter((r) => r.fault === "rate_limit").length;
    const blips = fake.requests.filter((r) => r.fault === "server_error").length;
    // The rate-limited check provokes its own 429s (two, not retried); the rest were retried.
    expect(report.retries).toBe(limited - 2 + blips);
    expect(report.retries).toBeGreaterThan(10);
    expect(report.requests).toBe(fake.requests.length);
    expect(report.checks.reduce((n, c) => n + c.retries, 0)).toBe(report.retries);
    expect(formatReport(report)).toMatch(/\d+ retried\)/);
  });

  it("over HTTP with real waits and dropped connections, the checks it ran pass", async () => {
    const fake = small({
      rateLimit: { every: 25, retryAfterSeconds: 1 },
      serverErrors: { every: 15, status: 503 },
      dropConnections: { every: 20 },
    });
    const server = await fake.listen();
    servers.push(server);
    const report = await runContract({
      baseUrl: server.url,
      token: "t",
      rate: 0,
      only: ["limit-bounds", "invalid-cursor", "not-found"],
    });
    expect(report.failed, formatReport(report)).toBe(0);
    expect(report.checks.every((c) => c.status === "passed")).toBe(true);
    expect(fake.requests.some((r) => r.outcome === "dropped")).toBe(true);
    expect(report.retries).toBe(fake.requests.filter((r) => r.fault).length);
  }, 20_000);
});

describe("a status asked for with Prefer", () => {
  it("a 429 to a request that asked for another status is retried, not taken as the answer", async () => {
    const fake = small();
    let limited = 0;
    // The target rate-limits the first request that asks for a 400 example, once (the fake's own
    // 429, asked for without Prefer: while it serves examples, Prefer requests get no faults).
    const fetch = async (request: Request): Promise<Response> => {
      if (limited > 0 || !/code=400/.test(request.headers.get("prefer") ?? "")) {
        return fake.fetch(request);
      }
      limited++;
      fake.setFaults({ rateLimit: { every: 1, retryAfterSeconds: 1 } });
      try {
        const authorization = request.headers.get("authorization") ?? "";
        return await fake.fetch(request.url, { headers: { authorization } });
      } finally {
        fake.setFaults(undefined);
      }
    };
    const report = await runContract(inProcess(fake, { fetch, only: ["named-examples"] }));
    const check = byId(report.checks, "named-examples");
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
    expect(limited).toBe(1);
    expect(check?.retries).toBe(1);
  });
});

describe("every 429 of the API met is checked", () => {
  const limitedFake = () => small({ rateLimit: { every: 5, retryAfterSeconds: 1 } });
  const only = ["limit-bounds"];

  it("a malformed Retry-After is a violation (and the request is still retried)", async () => {
    const fake = limitedFake();
    const fetch = rewrite429(fake, (headers, body) => {
      headers.set("retry-after", "soon");
      return body;
    });
    const report = await runContract(inProcess(fake, { fetch, only }));
    const check = byId(report.checks, "limit-bounds");
    expect(check?.status).toBe("failed");
    expect(check?.violations.join("\n")).toMatch(/→ 429: .*header Retry-After: "soon"/);
    expect(check?.retries).toBeGreaterThan(0);
  });

  it("a 429 without Retry-After is a violation", async () => {
    const fake = limitedFake();
    const fetch = rewrite429(fake, (headers, body) => {
      headers.delete("retry-after");
      return body;
    });
    const report = await runContract(inProcess(fake, { fetch, only }));
    expect(byId(report.checks, "limit-bounds")?.violations).toContainEqual(
      expect.stringMatching(/^GET \/v1\/workloads\S* → 429: no Retry-After header$/),
    );
  });

  it("a 429 with the error object but not the rest of the envelope is a violation", async () => {
    const fake = limitedFake();
    const fetch = rewrite429(fake, (_headers, body) =>
      JSON.stringify({ error: JSON.parse(body).error }),
    );
    const report = await runContract(inProcess(fake, { fetch, only }));
    expect(byId(report.checks, "limit-bounds")?.violations.join("\n")).toMatch(
      /→ 429: does not match the spec: \/ must have required property '(data|meta)'/,
    );
  });

  it.for([
    ["Kong's", { message: "API rate limit exceeded" }],
    ["AWS API Gateway's", { message: "Too Many Requests" }],
    ["a gateway's (`error` a string)", { error: "Too Many Requests", status: 429 }],
  ])("%s JSON 429 (no error envelope) is retried but not judged", async ([, gateway]) => {
    const fake = limitedFake();
    const fetch = rewrite429(fake, (headers) => {
      headers.delete("x-request-id");
      return JSON.stringify(gateway);
    });
    const report = await runContract(inProcess(fake, { fetch, only }));
    const check = byId(report.checks, "limit-bounds");
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
    expect(check?.retries).toBeGreaterThan(0);
  });

  it("an ingress rate limiter's HTML 429 is retried but not judged, as a gateway's 503 page", async () => {
    const fake = limitedFake();
    const fetch = rewrite429(fake, (headers) => {
      headers.set("content-type", "text/html");
      headers.delete("x-request-id");
      return "<html><body><h1>429 Too Many Requests</h1><hr>nginx</body></html>";
    });
    const report = await runContract(inProcess(fake, { fetch, only }));
    const check = byId(report.checks, "limit-bounds");
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
    expect(check?.retries).toBeGreaterThan(0);
  });

  it("a 429 with another code than RATE_LIMITED is a violation", async () => {
    const fake = limitedFake();
    const fetch = rewrite429(fake, (_headers, body) =>
      body.replace('"code":"RATE_LIMITED"', '"code":"SERVICE_UNAVAILABLE"'),
    );
    const report = await runContract(inProcess(fake, { fetch, only }));
    expect(byId(report.checks, "limit-bounds")?.violations).toContainEqual(
      expect.stringMatching(
        /^GET \/v1\/workloads\S* → 429: error.code is "SERVICE_UNAVAILABLE", expected RATE_LIMITED$/,
      ),
    );
  });

  it("a 429 on the very first request (the preflight) is waited out, and the run goes on", async () => {
    const fake = small();
    let first = true;
    const fetch = async (request: Request) => {
      if (!first) return fake.fetch(request);
      first = false;
      const envelope = { data: null, meta: { request_id: "req_1" } };
      const error = { code: "RATE_LIMITED", message: "slow down", details: [] };
      return Response.json(
        { ...envelope, error },
        { status: 429, headers: { "retry-after": "2" } },
      );
    };
    const report = await runContract(inProcess(fake, { fetch, only }));
    expect(report.untestable).toBeUndefined();
    expect(report.retries).toBe(1);
    expect(byId(report.checks, "limit-bounds")?.status).toBe("passed");
  });

  it("Retry-After: 0 from a limiter that rounds its sub-second wait down: waited at least the backoff", async () => {
    const fake = small();
    // 5 requests per 1-second window, on the clock of the suite's own waits; past them, the
    // fake's own 429 with the rest of the window rounded down to whole seconds: always 0.
    const limiter = small({ rateLimit: { every: 1, retryAfterSeconds: 0 } });
    let now = 0;
    let windowStart = 0;
    let used = 0;
    let limited = 0;
    const fetch = async (request: Request) => {
      if (now - windowStart >= 1000) [windowStart, used] = [now, 0];
      if (used++ < 5) return fake.fetch(request);
      limited++;
      return limiter.fetch(request);
    };
    const sleep = async (ms: number) => {
      now += ms;
    };
    const hooks = { ...fakeContractHooks(fake), sleep };
    const report = await runContract(inProcess(fake, { fetch, hooks, only }));
    expect(limited).toBeGreaterThan(0);
    expect(report.errors, formatReport(report)).toBe(0);
    expect(report.failed, formatReport(report)).toBe(0);
  });

  it("an HTTP-date Retry-After is honoured: the suite waits until then", async () => {
    const fake = limitedFake();
    const waits: number[] = [];
    const fetch = rewrite429(fake, (headers, body) => {
      headers.set("retry-after", new Date(Date.now() + 30_000).toUTCString());
      return body;
    });
    const hooks = { ...fakeContractHooks(fake), sleep: async (ms: number) => void waits.push(ms) };
    const report = await runContract(inProcess(fake, { fetch, only, hooks }));
    expect(report.failed, formatReport(report)).toBe(0);
    expect(waits.length).toBe(report.retries);
    for (const ms of waits) expect(ms).toBeGreaterThan(28_000);
  });

  it("an HTTP-date Retry-After is read against the server's Date: a clock 5 min ahead waits its 30 s", async () => {
    const fake = limitedFake();
    const waits: number[] = [];
    const skew = 5 * 60_000;
    const fetch = rewrite429(fake, (headers, body) => {
      const serverNow = Date.now() + skew;
      headers.set("date", new Date(serverNow).toUTCString());
      headers.set("retry-after", new Date(serverNow + 30_000).toUTCString());
      return body;
    });
    const hooks = { ...fakeContractHooks(fake), sleep: async (ms: number) => void waits.push(ms) };
    const report = await runContract(inProcess(fake, { fetch, only, hooks }));
    // Against the runner's clock it asked for 330 s, past the 60 s the suite waits: an error.
    expect(report.untestable, formatReport(report)).toBeUndefined();
    expect(report.failed, formatReport(report)).toBe(0);
    expect(waits.length).toBeGreaterThan(0);
    // HTTP-dates have whole seconds: within a second of 30 s.
    for (const ms of waits) expect(Math.abs(ms - 30_000)).toBeLessThanOrEqual(1_000);
  });

  it("the rate-limited check fails a server whose 429 carries no Retry-After", async () => {
    const fake = small();
    const fetch = rewrite429(fake, (headers, body) => {
      headers.delete("retry-after");
      return body;
    });
    const report = await runContract(inProcess(fake, { fetch, only: ["rate-limited"] }));
    const check = byId(report.checks, "rate-limited");
    expect(check?.status).toBe("failed");
    expect(check?.violations).toEqual([
      "GET /v1/workloads → 429: no Retry-After header",
      "GET /v1/organization → 429: no Retry-After header",
    ]);
  });
});

describe("never a pass on a response it could not get", () => {
  it("a server that stays 503 ends the check as error after a bounded number of retries", async () => {
    const fake = small({ serverErrors: { every: 1, status: 503 } });
    const report = await runContract(inProcess(fake, { only: ["limit-bounds"], maxRetries: 2 }));
    // The preflight already could not get through.
    expect(report.untestable).toMatch(/still 503 after 2 retries/);
    expect(report.checks.map((c) => c.status)).toEqual(["error"]);
    expect(fake.requests).toHaveLength(3);
  });

  it("a 502 mid-run that does not clear makes that check an error, not a pass", async () => {
    const fake = small();
    let broken = false;
    const fetch = async (request: Request) => {
      if (broken && new URL(request.url).searchParams.get("limit") === "500") {
        return new Response("<html>502</html>", { status: 502 });
      }
      broken = true;
      return fake.fetch(request);
    };
    const report = await runContract(
      inProcess(fake, { fetch, only: ["limit-bounds", "envelopes"] }),
    );
    const limits = byId(report.checks, "limit-bounds");
    expect(limits?.status).toBe("error");
    expect(limits?.error).toMatch(/GET \/v1\/\S+limit=500: still 502 after 3 retries/);
    expect(limits?.violations).toEqual([]);
    expect(byId(report.checks, "envelopes")?.status).toBe("passed");
    expect(report.errors).toBe(1);
  });

  // One family of a deployment is down: its load balancer answers 503 with a page of its own.
  const teamsDown = (fake: FakeKubeadapt, page: () => Response) => async (request: Request) =>
    new URL(request.url).pathname.startsWith("/v1/teams") ? page() : fake.fetch(request);

  it.each([503, 504])(
    "a family down behind a gateway's %i page: its checks are errors naming the request, the rest pass",
    async (status) => {
      const fake = small();
      const fetch = teamsDown(fake, () => new Response(`<html>${status}</html>`, { status }));
      // include-total-toggle reads /v1/workloads only (invalid-cursor reads every family).
      const only = ["include-total-toggle", "full-walks", "sort-order"];
      const report = await runContract(inProcess(fake, { fetch, only }));
      expect(statuses(report.checks)).toEqual({
        "include-total-toggle": "passed",
        "full-walks": "error",
        "sort-order": "error",
      });
      for (const id of ["full-walks", "sort-order"]) {
        expect(byId(report.checks, id)).toMatchObject({
          violations: [],
          error: expect.stringMatching(
            new RegExp(`^GET /v1/teams\\S*: still ${status} after 3 retries$`),
          ),
        });
      }
    },
  );

  it("a check cut short sends nothing more, though it would go on to its next list", async () => {
    const fake = small();
    let down = 0;
    const fetch = teamsDown(fake, () => {
      down++;
      return new Response("<html>503</html>", { status: 503 });
    });
    const report = await runContract(inProcess(fake, { fetch, only: ["full-walks"] }));
    expect(byId(report.checks, "full-walks")?.status).toBe("error");
    // The walk of /v1/teams, retried 3 times; not the walk of /v1/teams/{id}/assignments after it.
    expect(down).toBe(4);
    expect(report.requests).toBe(fake.requests.length + down);
  });

  it("what went wrong goes to the report only: nothing is logged to the console", async () => {
    const fake = small();
    const fetch = teamsDown(fake, () => new Response("<html>503</html>", { status: 503 }));
    const logged = (["error", "warn", "info", "debug", "log"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    try {
      const report = await runContract(inProcess(fake, { fetch, only: ["full-walks"] }));
      expect(byId(report.checks, "full-walks")?.status).toBe("error");
      for (const spy of logged) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of logged) spy.mockRestore();
    }
  });

  it("the API's own 503 (the error envelope) is still judged against the spec", async () => {
    const fake = small();
    const envelope = { data: null, error: { code: "SERVICE_UNAVAILABLE", message: "down" } };
    const fetch = teamsDown(fake, () => Response.json(envelope, { status: 503 }));
    const report = await runContract(inProcess(fake, { fetch, only: ["full-walks"] }));
    expect(byId(report.checks, "full-walks")?.violations).toContainEqual(
      expect.stringMatching(/^GET \/v1\/teams\S* → 503: does not match the spec: .*'meta'/),
    );
  });

  it("the API's own 503 with another code than SERVICE_UNAVAILABLE is a violation", async () => {
    const fake = small();
    const meta = {
      request_id: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9N",
      applied_at: "2026-05-21T10:30:00Z",
    };
    const envelope = {
      data: null,
      meta,
      error: { code: "INTERNAL_ERROR", message: "down", details: [] },
    };
    const headers = { "retry-after": "0" };
    const fetch = teamsDown(fake, () => Response.json(envelope, { status: 503, headers }));
    const report = await runContract(inProcess(fake, { fetch, only: ["full-walks"] }));
    expect(byId(report.checks, "full-walks")?.violations).toEqual([
      expect.stringMatching(
        /^GET \/v1\/teams\S* → 503: error.code is "INTERNAL_ERROR", expected SERVICE_UNAVAILABLE$/,
      ),
    ]);
  });

  it("a check that found a violation and then lost the target fails, and says where it stopped", async () => {
    const fake = small();
    const fetch = async (request: Request) => {
      const limit = new URL(request.url).searchParams.get("limit");
      if (limit === "500") return new Response("<html>502</html>", { status: 502 });
      // limit=0 is served as the default page: a violation, found before the target went away.
      return fake.fetch(limit === "0" ? request.url.replace("limit=0", "limit=1") : request, {
        headers: request.headers,
      });
    };
    const report = await runContract(inProcess(fake, { fetch, only: ["limit-bounds"] }));
    const check = byId(report.checks, "limit-bounds");
    expect(check?.status).toBe("failed");
    expect(check?.violations).toEqual([
      expect.stringMatching(/^GET \/v1\/workloads\?limit=0: expected 400 BAD_REQUEST/),
    ]);
    expect(check?.notes).toContainEqual(
      expect.stringMatching(/^stopped before its end: GET \/v1\/workloads\?limit=500: still 502/),
    );
  });

  it("a body cut off mid-way makes the check an error, not a violation", async () => {
    const fake = small();
    const fetch = async (request: Request) => {
      if (new URL(request.url).searchParams.get("limit") !== "500") return fake.fetch(request);
      const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"data":['));
          controller.error(new TypeError("terminated", { cause }));
        },
      });
      return new Response(body, { headers: { "content-type": "application/json" } });
    };
    const report = await runContract(inProcess(fake, { fetch, only: ["limit-bounds"] }));
    expect(byId(report.checks, "limit-bounds")).toMatchObject({
      status: "error",
      violations: [],
      // Retried like a reset connection, then given up.
      retries: 3,
      error: expect.stringMatching(
        /limit=500: the body could not be read: other side closed \(UND_ERR_SOCKET\)$/,
      ),
    });
  });

  it("a body cut off once is sent again, and the check judges the whole response", async () => {
    const fake = small();
    let cut = false;
    const fetch = async (request: Request) => {
      if (cut || new URL(request.url).searchParams.get("limit") !== "500") {
        return fake.fetch(request);
      }
      cut = true;
      const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
      const body = new ReadableStream({
        start(controller) {
          controller.error(new TypeError("terminated", { cause }));
        },
      });
      return new Response(body, { headers: { "content-type": "application/json" } });
    };
    const report = await runContract(inProcess(fake, { fetch, only: ["limit-bounds"] }));
    expect(byId(report.checks, "limit-bounds")).toMatchObject({ status: "passed", retries: 1 });
  });

  // A target that stops answering, before its headers or in the middle of a body, through a
  // fetch that ignores the abort: the check ends as error once the time limit is up.
  const stalls: [string, () => Promise<Response>][] = [
    ["before its headers", () => new Promise<Response>(() => {})],
    [
      "in the middle of a body",
      async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"data":['));
            },
          }),
          { headers: { "content-type": "application/json" } },
        ),
    ],
  ];
  it.each(stalls)(
    "a target that stops answering %s ends the check as error after timeoutSeconds",
    async (_, stall) => {
      const fake = small();
      let stalled = 0;
      const fetch = (request: Request) => {
        if (new URL(request.url).searchParams.get("limit") !== "500") return fake.fetch(request);
        stalled++;
        return stall();
      };
      const report = await runContract(
        inProcess(fake, { fetch, only: ["limit-bounds", "envelopes"], timeoutSeconds: 1 }),
      );
      expect(byId(report.checks, "limit-bounds")).toMatchObject({
        status: "error",
        violations: [],
        error: expect.stringMatching(/limit=500: no complete response within 1 s$/),
      });
      expect(byId(report.checks, "envelopes")?.status).toBe("passed");
      // One time limit, not one per retry: a stalled target is not asked again.
      expect(stalled).toBe(1);
    },
  );

  it("a body that never ends stops the check as error once it passes the size limit", async () => {
    const fake = small();
    const chunk = new Uint8Array(1 << 20).fill(32);
    let pulled = 0;
    const fetch = (request: Request) => {
      if (new URL(request.url).searchParams.get("limit") !== "500") return fake.fetch(request);
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      return Promise.resolve(
        new Response(body, { headers: { "content-type": "application/json" } }),
      );
    };
    const report = await runContract(inProcess(fake, { fetch, only: ["limit-bounds"] }));
    expect(byId(report.checks, "limit-bounds")).toMatchObject({
      status: "error",
      violations: [],
      retries: 0,
      error: expect.stringMatching(/limit=500: the body is longer than 67108864 bytes$/),
    });
    // Read up to the limit, not on: the stream was let go there.
    expect(pulled).toBeLessThan(MAX_BODY_BYTES + 4 * chunk.byteLength);
  });

  it("timeoutSeconds must be a whole number of seconds, 1 or more", async () => {
    const fake = small();
    await expect(runContract(inProcess(fake, { timeoutSeconds: 0.5 }))).rejects.toThrow(
      "timeoutSeconds must be a whole number, 1 or more",
    );
  });

  // Past 2^31 - 1 ms (24.8 days), a timer fires after 1 ms.
  it("a timeoutSeconds longer than a timer holds is a long time limit, not one of 1 ms", async () => {
    const fake = small();
    const fetch = async (request: Request) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return fake.fetch(request);
    };
    const timeoutSeconds = Math.ceil(2 ** 31 / 1000);
    const report = await runContract(
      inProcess(fake, { fetch, only: ["limit-bounds"], timeoutSeconds }),
    );
    expect(report.untestable).toBeUndefined();
    expect(byId(report.checks, "limit-bounds")?.status).toBe("passed");
  });

  it("a Retry-After longer than a timer holds, that the suite may wait, is waited: not retried after 1 ms", async () => {
    const fake = small();
    let sent = 0;
    const fetch = async (request: Request) => {
      sent++;
      if (sent > 1) return fake.fetch(request);
      const error = { error: { code: "RATE_LIMITED", message: "later" }, meta: {} };
      return Response.json(error, { status: 429, headers: { "retry-after": "3000000" } });
    };
    vi.useFakeTimers();
    try {
      // The suite's own sleep, not the fake clock's: that is the one a timer could cut short.
      const hooks = { ...fakeContractHooks(fake), sleep: undefined };
      const run = runContract(
        inProcess(fake, { fetch, hooks, only: ["limit-bounds"], maxRetryAfterSeconds: 4_000_000 }),
      );
      await vi.advanceTimersByTimeAsync(1_000);
      expect(sent).toBe(1);
      // The wait is clamped to the longest a timer holds, and then the request is sent again.
      await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
      vi.useRealTimers();
      const report = await run;
      expect(report.untestable).toBeUndefined();
      expect(sent).toBeGreaterThan(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a Retry-After longer than the suite waits ends the check as error", async () => {
    const fake = small({ rateLimit: { every: 3, retryAfterSeconds: 3600 } });
    const report = await runContract(inProcess(fake, { only: ["limit-bounds"] }));
    expect(byId(report.checks, "limit-bounds")).toMatchObject({
      status: "error",
      error: expect.stringMatching(/Retry-After asks for 3600 s, more than the 60 s/),
    });
  });
});

describe("a run stopped by its signal (Ctrl-C)", () => {
  it("ends the request in flight at once, even through a fetch that ignores it, and skips the rest", async () => {
    const fake = small();
    const controller = new AbortController();
    const fetch = (request: Request) => {
      if (new URL(request.url).searchParams.get("limit") !== "500") return fake.fetch(request);
      // The target stops answering; the user presses Ctrl-C.
      controller.abort();
      return new Promise<Response>(() => {});
    };
    const report = await runContract(
      inProcess(fake, { fetch, only: ["limit-bounds", "envelopes"], signal: controller.signal }),
    );
    expect(report.untestable).toBeUndefined();
    expect(report.checks.map((c) => [c.id, c.status, c.skippedBecause, c.cutShortBy])).toEqual([
      ["limit-bounds", "skipped", "the run was interrupted", "interrupted"],
      ["envelopes", "skipped", "the run was interrupted", "interrupted"],
    ]);
    expect(report.incomplete).toBe(2);
  });

  it("ends a Retry-After wait at once", async () => {
    const fake = small();
    const controller = new AbortController();
    const fetch = async () => {
      setTimeout(() => controller.abort(), 20);
      const error = { error: { code: "RATE_LIMITED", message: "later" }, meta: {} };
      return Response.json(error, { status: 429, headers: { "retry-after": "30" } });
    };
    // The suite's own sleep (a real 30 s timer), not the fake clock's.
    const hooks = { ...fakeContractHooks(fake), sleep: undefined };
    const report = await runContract(inProcess(fake, { fetch, hooks, signal: controller.signal }));
    expect(report.untestable).toMatch(/^the run was interrupted before .* answered the preflight$/);
    expect(report.requests).toBe(1);
  });
});

describe("pacing and the request budget", () => {
  it("--max-requests is never exceeded; the check under way and later ones are skipped, not passed", async () => {
    const fake = small();
    const report = await runContract(inProcess(fake, { maxRequests: 40 }));
    expect(fake.requests).toHaveLength(40);
    expect(report.requests).toBe(40);
    const budgetSkipped = report.checks.filter((c) =>
      /request budget of 40 is spent/.test(c.skippedBecause ?? ""),
    );
    expect(budgetSkipped.length).toBeGreaterThan(5);
    const firstSkipped = report.checks.indexOf(budgetSkipped[0] as CheckResult);
    expect(report.checks.slice(firstSkipped).every((c) => c.status !== "passed")).toBe(true);
    expect(report.checks[0]?.status).toBe("passed");
    // Each is marked as cut short by the run, not by the target, and the report counts them.
    expect(budgetSkipped.every((c) => c.cutShortBy === "request-budget")).toBe(true);
    expect(report.incomplete).toBe(budgetSkipped.length);
  });

  it("a budget spent by the preflight's retries leaves the target untestable, saying so", async () => {
    const fake = small({ rateLimit: { every: 1 } });
    const report = await runContract(inProcess(fake, { maxRequests: 2, only: ["envelopes"] }));
    expect(fake.requests).toHaveLength(2);
    expect(report.untestable).toBe(
      `the request budget of 2 is spent before ${fake.baseUrl} answered the preflight`,
    );
    expect(report.checks.map((c) => c.status)).toEqual(["error"]);
  });

  it("a slow server: no request is sent past maxDurationSeconds; the checks left are skipped", async () => {
    const fake = small();
    // Each answer takes 400 ms of the (mocked) clock: a full run would take minutes.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const slow = async (request: Request) => {
        vi.setSystemTime(Date.now() + 400);
        return fake.fetch(request);
      };
      const only = ["limit-bounds", "envelopes"];
      const report = await runContract(
        inProcess(fake, { fetch: slow, maxDurationSeconds: 2, only }),
      );
      // The preflight and four more fit in 2 s.
      expect(report.requests).toBe(5);
      expect(fake.requests).toHaveLength(5);
      expect(report.checks.map((c) => [c.id, c.status, c.skippedBecause, c.cutShortBy])).toEqual([
        ["limit-bounds", "skipped", "the time limit of 2 s is spent", "time-limit"],
        ["envelopes", "skipped", "the time limit of 2 s is spent", "time-limit"],
      ]);
      expect(report.incomplete).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a Retry-After that would end past maxDurationSeconds is not waited for", async () => {
    const fake = small({ rateLimit: { every: 2, retryAfterSeconds: 30 } });
    const waits: number[] = [];
    const hooks = { ...fakeContractHooks(fake), sleep: async (ms: number) => void waits.push(ms) };
    const only = ["limit-bounds"];
    const report = await runContract(inProcess(fake, { hooks, maxDurationSeconds: 10, only }));
    expect(waits).toEqual([]);
    expect(byId(report.checks, "limit-bounds")).toMatchObject({
      status: "skipped",
      skippedBecause: "the time limit of 10 s is spent",
      cutShortBy: "time-limit",
    });
  });

  it("--rate N spaces requests 1/N s apart", async () => {
    const fake = small();
    const waits: number[] = [];
    const hooks = { ...fakeContractHooks(fake), sleep: async (ms: number) => void waits.push(ms) };
    // The wall clock stands still (the sleeps above are not waited out either), so each request
    // is booked 250 ms after the one before: the k-th waits k × 250 ms, however loaded the
    // machine is.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const report = await runContract(inProcess(fake, { rate: 4, hooks, only: ["limit-bounds"] }));
      expect(report.failed).toBe(0);
      expect(waits.length).toBe(report.requests - 1);
      expect(waits).toEqual(waits.map((_, k) => (k + 1) * 250));
    } finally {
      vi.useRealTimers();
    }
  });
});
