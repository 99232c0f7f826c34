// Real HTTP on loopback, through the global fetch: a server that sends a page's headers and then
// stalls or drops its body. undici's fetch resolves at the headers and would wait 300 s for the
// rest; the SDK's attempt deadline covers the body.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKubeadapt, isConnectionError, isTimeoutError } from "../../src/index.js";

type Misbehaviour = "stall" | "drop" | undefined;

let server: Server;
let baseUrl: string;
// What the next requests for page 2 get, one entry a request; then a whole page.
let plan: Misbehaviour[] = [];
let requests: string[] = [];

function pageBody(ids: string[], next: string) {
  return JSON.stringify({
    data: ids.map((id) => ({ id })),
    meta: { request_id: "req_1", pagination: { next_cursor: next, has_more: next !== "" } },
  });
}

function half(res: ServerResponse, body: string, then: Misbehaviour) {
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.write(body.slice(0, 10));
  if (then === "drop") setTimeout(() => res.socket?.destroy(), 5);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    requests.push(url.search);
    const cursor = url.searchParams.get("cursor");
    const body =
      cursor === null
        ? pageBody(["a", "b"], "p2")
        : cursor === "p2"
          ? pageBody(["c"], "p3")
          : pageBody(["d"], "");
    const misbehave =
      cursor === "p2" || url.pathname === "/v1/organization" ? plan.shift() : undefined;
    if (misbehave) half(res, body, misbehave);
    else res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = (maxRetries: number) =>
  createKubeadapt({ token: "ka_test_tok", baseUrl, timeoutMs: 300, maxRetries, logLevel: "off" });

const walk = async (maxRetries: number) => {
  requests = [];
  const ids: string[] = [];
  for await (const item of client(maxRetries).paginate("/v1/clusters")) ids.push(item.id);
  return ids;
};

describe("a page body that misbehaves over HTTP", () => {
  it("a stalled body is retried: the walk yields every item once", async () => {
    plan = ["stall"];
    expect(await walk(2)).toEqual(["a", "b", "c", "d"]);
    expect(requests.filter((search) => search.includes("cursor=p2"))).toHaveLength(2);
  });

  it("a body cut off mid-way is retried: the walk yields every item once", async () => {
    plan = ["drop"];
    expect(await walk(2)).toEqual(["a", "b", "c", "d"]);
  });

  it("a body that stalls on every attempt ends in TimeoutError within about timeoutMs each", async () => {
    plan = ["stall", "stall"];
    const started = Date.now();
    const error = await walk(1).catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ cursor: "p2", itemsYielded: 2 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("get ends in ConnectionError when the body is cut off on its last attempt", async () => {
    plan = ["drop"];
    const error = await client(0)
      .get("/v1/organization")
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
  });
});
