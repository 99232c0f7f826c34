import { afterEach, describe, expect, it, vi } from "vitest";
import { createKubeadapt, isBadRequestError, type KubeadaptOptions } from "../../src/index.js";
import { stubFetch } from "../helpers/stub-fetch.js";

const TOKEN = "ka_live_s3cretT0kenValue42";
const BASE = "https://api.test";

/** A logger that records every line with its level. */
function recorder() {
  const lines: [level: string, message: string][] = [];
  const at = (level: string) => (message: string) => lines.push([level, message]);
  return {
    lines,
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
  };
}

const ok = () =>
  Response.json({ data: { name: "org" }, meta: { request_id: "req_42" } }, { status: 200 });
const unavailable = () => Response.json({ error: { code: "X", message: "m" } }, { status: 503 });

function client(
  handler: Parameters<typeof stubFetch>[0],
  options: KubeadaptOptions = {},
  token = TOKEN,
) {
  const { fetch, requests } = stubFetch(handler);
  const { lines, logger } = recorder();
  const ka = createKubeadapt({ token, baseUrl: BASE, fetch, logger, ...options });
  return { ka, lines, requests };
}

const retryOnce = (_: Request, call: number) => (call === 1 ? unavailable() : ok());

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("a logger that throws", () => {
  const broken = () => {
    throw new Error("logger broke");
  };
  const logger = { debug: broken, info: broken, warn: broken, error: broken };

  it.each(["info", "debug"] as const)(
    "changes nothing at %s: a 200 is not retried, its data is returned",
    async (logLevel) => {
      const { fetch, requests } = stubFetch(ok);
      const ka = createKubeadapt({ token: TOKEN, baseUrl: BASE, fetch, logger, logLevel });
      await expect(ka.get("/v1/organization")).resolves.toEqual({ name: "org" });
      expect(requests).toHaveLength(1);
    },
  );

  it("changes nothing on a failure: the last attempt's error is thrown, not the logger's", async () => {
    const { fetch } = stubFetch(() => {
      throw new TypeError("fetch failed");
    });
    const ka = createKubeadapt({
      token: TOKEN,
      baseUrl: BASE,
      fetch,
      logger,
      logLevel: "debug",
      maxRetries: 0,
    });
    await expect(ka.get("/v1/organization")).rejects.toMatchObject({ name: "ConnectionError" });
  });
});

describe("logLevel", () => {
  it("debug: one line per attempt with method, path and query, status, attempt n of m, duration and request id", async () => {
    const { ka, lines } = client(retryOnce, { logLevel: "debug", maxRetries: 2 });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const done = ka.get("/v1/clusters", { params: { query: { limit: 5 } } } as never);
    await vi.runAllTimersAsync();
    await done;
    const debug = lines.filter(([level]) => level === "debug").map(([, line]) => line);
    expect(debug).toHaveLength(2);
    expect(debug[0]).toMatch(
      /^kubeadapt: GET \/v1\/clusters\?limit=5 503 \(attempt 1 of 3, \d+ ms\)$/,
    );
    expect(debug[1]).toMatch(
      /^kubeadapt: GET \/v1\/clusters\?limit=5 200 \(attempt 2 of 3, \d+ ms, request req_42\)$/,
    );
  });

  it("warn (the default): each retry with its cause and delay, nothing per attempt or request", async () => {
    const { ka, lines } = client(retryOnce);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const done = ka.get("/v1/organization");
    await vi.runAllTimersAsync();
    await done;
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[0]).toBe("warn");
    expect(lines[0]?.[1]).toMatch(
      /^kubeadapt: GET \/v1\/organization HTTP 503: retry 1 of 2 in \d+ ms$/,
    );
  });

  it("warn: a Retry-After longer than maxRetryDelayMs, not waited", async () => {
    const { ka, lines } = client(
      () => new Response("{}", { status: 429, headers: { "retry-after": "120" } }),
    );
    await ka.get("/v1/organization").catch(() => {});
    expect(lines).toEqual([
      [
        "warn",
        "kubeadapt: GET /v1/organization HTTP 429: not retried, Retry-After 120000 ms > maxRetryDelayMs",
      ],
    ]);
  });

  it("info: one line per request, with its status, attempts and duration", async () => {
    const { ka, lines } = client(retryOnce, { logLevel: "info", maxRetries: 1 });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const done = ka.get("/v1/organization");
    await vi.runAllTimersAsync();
    await done;
    expect(lines.map(([level]) => level)).toEqual(["warn", "info"]);
    expect(lines[1]?.[1]).toMatch(
      /^kubeadapt: GET \/v1\/organization 200 after 2 attempts, \d+ ms$/,
    );
  });

  it("error: a request that got no response on its last attempt; nothing else", async () => {
    const { ka, lines } = client(
      () => {
        throw new TypeError("fetch failed");
      },
      { logLevel: "error", maxRetries: 0 },
    );
    await ka.get("/v1/organization").catch(() => {});
    expect(lines).toEqual([
      ["error", "kubeadapt: GET /v1/organization failed: fetch failed (1 of 1 attempts)"],
    ]);
  });

  it("off: nothing, even for retries and failures", async () => {
    const { ka, lines } = client(
      () => {
        throw new TypeError("fetch failed");
      },
      { logLevel: "off", maxRetries: 1 },
    );
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const done = ka.get("/v1/organization").catch(() => {});
    await vi.runAllTimersAsync();
    await done;
    expect(lines).toEqual([]);
  });

  it("KUBEADAPT_LOG sets it when the option is absent; the option wins over it", async () => {
    vi.stubEnv("KUBEADAPT_LOG", "debug");
    const fromEnv = client(ok);
    await fromEnv.ka.get("/v1/organization");
    expect(fromEnv.lines.map(([level]) => level)).toEqual(["debug", "info"]);
    const fromOption = client(ok, { logLevel: "warn" });
    await fromOption.ka.get("/v1/organization");
    expect(fromOption.lines).toEqual([]);
  });

  it.each([
    [{ logLevel: "verbose" }, undefined, "logLevel"],
    [{}, "loud", "KUBEADAPT_LOG"],
    [{ logger: { warn() {}, error() {} } }, undefined, "logger"],
  ])("refuses %o (KUBEADAPT_LOG %s) with a BadRequestError naming %s", (options, env, field) => {
    if (env) vi.stubEnv("KUBEADAPT_LOG", env);
    const error = (() => {
      try {
        createKubeadapt({ token: TOKEN, baseUrl: BASE, ...(options as KubeadaptOptions) });
      } catch (e) {
        return e;
      }
    })();
    expect(isBadRequestError(error) && error.details[0]?.field).toBe(field);
  });
});

describe("the token in log lines", () => {
  it("never appears at any level, even when the network error, the query or the server quote it", async () => {
    const { ka, lines } = client(
      (_, call) => {
        if (call === 1) throw new TypeError(`connect failed for Bearer ${TOKEN}`);
        if (call === 2) return unavailable();
        return Response.json({ data: [], meta: { request_id: TOKEN, pagination: {} } });
      },
      { logLevel: "debug", maxRetries: 2 },
    );
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const done = ka.client.GET("/v1/clusters", {
      params: { query: { cluster_id: TOKEN } },
    } as never);
    await vi.runAllTimersAsync();
    await done;
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.map(([level]) => level)).toContain("warn");
    for (const [, line] of lines) expect(line).not.toContain(TOKEN);
    expect(lines.some(([, line]) => line.includes("[REDACTED]"))).toBe(true);
  });
});
