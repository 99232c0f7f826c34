// The token never reaches a report, whole or in part, whatever the server echoes back.
import { describe, expect, it } from "vitest";
import {
  formatReport,
  githubAnnotations,
  runContract,
  toJsonReport,
  toJUnitXml,
} from "../../src/contract/index.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

// A staging token not shaped like a Kubeadapt key, so only its own value can be redacted.
const TOKEN = "stg.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";

describe("a server that echoes the token into what the suite quotes", () => {
  it("a body quoted in part (cut where the token stands) keeps no piece of the token", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const fetch = async (request: Request) => {
      if (new URL(request.url).searchParams.get("limit") !== "0") return fake.fetch(request);
      // The token starts 60 characters in, so an 80-character excerpt would end inside it.
      const body = `${"x".repeat(37)} bad limit; you sent: ${request.headers.get("authorization")}`;
      return new Response(body, { status: 400, headers: { "content-type": "text/plain" } });
    };
    const report = await runContract({
      baseUrl: fake.baseUrl,
      token: TOKEN,
      fetch,
      rate: 0,
      only: ["limit-bounds"],
    });
    const text = formatReport(report);
    expect(text).toContain("body is not JSON");
    const reports = [text, toJsonReport(report), toJUnitXml(report), ...githubAnnotations(report)];
    for (const out of reports) expect(out).not.toContain(TOKEN.slice(0, 12));
  });
});
