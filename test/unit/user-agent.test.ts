import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKubeadapt, isBadRequestError, type KubeadaptOptions } from "../../src/index.js";
import { userAgent } from "../../src/internal/user-agent.js";
import { stubFetch } from "../helpers/stub-fetch.js";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

async function sentUserAgent(options: KubeadaptOptions = {}) {
  const { fetch, requests } = stubFetch(() => Response.json({ data: {}, meta: {} }));
  const ka = createKubeadapt({ token: "t", baseUrl: "https://api.test", fetch, ...options });
  await ka.get("/v1/organization");
  await ka.client.GET("/v1/organization");
  return requests.map((request) => request.headers.get("user-agent"));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("User-Agent", () => {
  it("names the SDK with package.json's version and the runtime, on get and ka.client", async () => {
    const expected = `kubeadapt-js/${version} node/${process.versions.node}`;
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await sentUserAgent()).toEqual([expected, expected]);
  });

  it.each<HeadersInit>([
    { "User-Agent": "app/1" },
    { "user-agent": "app/1" },
    new Headers({ "USER-AGENT": "app/1" }),
    [["user-agent", "app/1"]],
  ])("is replaced by the caller's headers (%o)", async (headers) => {
    expect(await sentUserAgent({ headers })).toEqual(["app/1", "app/1"]);
  });

  it("names Bun in Bun and Deno in Deno, which also have process.versions.node", () => {
    vi.stubGlobal("Bun", { version: "1.4.4" });
    expect(userAgent()).toBe(`kubeadapt-js/${version} bun/1.4.4`);
    vi.unstubAllGlobals();
    vi.stubGlobal("Deno", { version: { deno: "2.9.6" } });
    expect(userAgent()).toBe(`kubeadapt-js/${version} deno/2.9.6`);
  });

  it("a header that cannot be sent fails at creation with a BadRequestError that does not quote it", () => {
    const secret = "ka_live_s3cret\nInjected: 1";
    const error = (() => {
      try {
        createKubeadapt({ token: "t", headers: { authorization: secret } });
      } catch (e) {
        return e;
      }
    })();
    expect(isBadRequestError(error) && error.details[0]?.field).toBe("headers");
    expect(JSON.stringify(error)).not.toContain("s3cret");
    expect(String((error as Error).message)).not.toContain("s3cret");
  });
});
