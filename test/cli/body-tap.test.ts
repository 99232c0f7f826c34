import { describe, expect, it } from "vitest";
import { tapJsonBodies } from "../../src/cli/body-tap.js";
import { nodeTransport } from "../../src/node/index.js";
import { rawServerPerTest } from "../helpers/raw-server.js";

const raw = rawServerPerTest();

describe("the CLI's body tap on a fetch's answer", () => {
  it("hands back a 205 (no body) as it came, instead of throwing", async () => {
    const tapped = tapJsonBodies(
      async () => new Response(null, { status: 205 }),
      () => {},
    );
    expect((await tapped("http://x.test/")).status).toBe(205);
  });

  it("looks at a body and hands the response back whole: status text, URL, body", async () => {
    const server = await raw((socket) => {
      socket.write(Buffer.from('HTTP/1.1 200 ОК\r\nContent-Length: 7\r\n\r\n{"a":1}'));
    });
    const seen: string[] = [];
    const tapped = tapJsonBodies(nodeTransport(), (text) => seen.push(text));
    const response = await tapped(`${server.origin}/x`);
    expect(seen).toEqual(['{"a":1}']);
    expect([response.statusText, response.url, await response.text()]).toEqual([
      "ОК",
      `${server.origin}/x`,
      '{"a":1}',
    ]);
  });
});
