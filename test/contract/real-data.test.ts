// A correct server whose data differs from the fake's defaults in legal ways (a young
// organization with no workloads, a list that changes while the suite walks it) passes: the
// suite must not fail a server for what real data does.
import { describe, expect, it } from "vitest";
import { formatReport, runContract } from "../../src/contract/index.js";
import { createFakeKubeadapt, fakeContractHooks } from "../../src/testing/index.js";
import { TOKEN } from "../helpers/mutant-proxy.js";

describe.concurrent("a correct server with real-world data", () => {
  it("no workloads yet (namespaces and teams that cost nothing): no check fails", {
    timeout: 60_000,
  }, async () => {
    const sizes = { workloads: 0, recommendations: 0 };
    const fake = createFakeKubeadapt({ token: TOKEN, sizes });
    const report = await runContract({
      baseUrl: fake.baseUrl,
      token: TOKEN,
      fetch: fake.fetch,
      rate: 0,
      hooks: fakeContractHooks(fake),
    });
    expect(report.failed, formatReport(report)).toBe(0);
    expect(report.checks.find((c) => c.id === "cost-mode")?.status).toBe("passed");
  });
});
