// meta.applied_at is "when the server evaluated the request": the suite judges it against the
// runner's clock, with a day's tolerance so that clock skew never trips it, and accepts a server
// whose clock is elsewhere on purpose only when its own Date header says so too.
import { describe, expect, it } from "vitest";
import { APPLIED_AT_TOLERANCE_MS } from "../../src/contract/applied-at.js";
import { runContract } from "../../src/contract/index.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

const HOUR_MS = 3_600_000;

/**
 * `envelopes` against the fake behind a server that writes `applied_at` `offsetMs` from the
 * runner's clock and dates its responses by the runner's clock (an HTTP stack's `Date`).
 */
async function envelopesWithAppliedAt(offsetMs: number) {
  const fake = createFakeKubeadapt({ token: "t" });
  const report = await runContract({
    baseUrl: fake.baseUrl,
    token: "t",
    rate: 0,
    only: ["envelopes"],
    async fetch(request) {
      const response = await fake.fetch(request);
      const body = await response.json();
      body.meta.applied_at = `${new Date(Date.now() + offsetMs).toISOString().slice(0, 19)}Z`;
      const headers = new Headers(response.headers);
      headers.set("date", new Date().toUTCString());
      return new Response(JSON.stringify(body), { status: response.status, headers });
    },
  });
  return report.checks[0];
}

describe("meta.applied_at against the runner's clock", () => {
  it("two hours off (clock skew) passes", async () => {
    const check = await envelopesWithAppliedAt(-2 * HOUR_MS);
    expect(check?.violations).toEqual([]);
    expect(check?.status).toBe("passed");
  });

  it("25 hours behind fails, once a check", async () => {
    const check = await envelopesWithAppliedAt(-25 * HOUR_MS);
    expect(check?.status).toBe("failed");
    expect(check?.violations).toEqual([
      expect.stringMatching(
        new RegExp(
          `meta\\.applied_at is \\S+, more than ${APPLIED_AT_TOLERANCE_MS / HOUR_MS} hours from the runner's clock`,
        ),
      ),
    ]);
  });

  it("a fake whose clock is frozen months ago passes: its Date header follows that clock", async () => {
    const fake = createFakeKubeadapt({ token: "t" });
    const options = { baseUrl: fake.baseUrl, token: "t", fetch: fake.fetch, rate: 0 };
    const report = await runContract({ ...options, only: ["envelopes"] });
    expect(report.checks[0]?.violations).toEqual([]);
    expect(report.checks[0]?.status).toBe("passed");
  });
});
