import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractChecks, formatReport, runContract } from "../../src/contract/index.js";
import {
  createFakeKubeadapt,
  type FakeKubeadapt,
  type FakeServer,
  fakeContractHooks,
} from "../../src/testing/index.js";
import { type PrismProcess, SPEC_FILE, startPrism } from "../helpers/prism-process.js";

const ALL = contractChecks.map((c) => c.id);

describe("the fake passes the contract suite in live mode", () => {
  it("in process (fake.fetch), every check runs and passes, named examples included", {
    timeout: 60_000,
  }, async () => {
    // With a token of its own, so that the unknown tokens of `auth-tokens` are refused.
    const fake = createFakeKubeadapt({ token: "contract-token" });
    const report = await runContract({
      rate: 0,
      mode: "live",
      baseUrl: fake.baseUrl,
      token: "contract-token",
      fetch: fake.fetch,
      hooks: fakeContractHooks(fake),
    });
    const outcome = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(report.failed, formatReport(report)).toBe(0);
    expect(outcome).toEqual(Object.fromEntries(ALL.map((id) => [id, "passed"])));
    // The hook served the examples for that check only: the fake is a faithful server again.
    expect(fake.honorPrefer).toBe(false);
  });
});

// Prism in proxy mode validates every response of the fake against the spec on its own
// (with --errors a violating response becomes a 500, and `sl-violations` names it).
// --validate-request=false: otherwise Prism answers the suite's deliberately invalid requests
// (limit=0, per_page=501) with its own 422 instead of forwarding them to the fake.
describe("through `prism proxy --errors` in front of the fake over HTTP", () => {
  let fake: FakeKubeadapt;
  let server: FakeServer;
  let prism: PrismProcess;

  beforeAll(async () => {
    fake = createFakeKubeadapt({ sizes: { workloads: 300, recommendations: 120 } });
    server = await fake.listen();
    prism = await startPrism("proxy", [
      "--errors",
      "--validate-request=false",
      SPEC_FILE,
      server.url,
    ]);
  }, 40_000);

  afterAll(async () => {
    await prism?.stop();
    await server?.close();
  });

  // Prism checks security before proxying: a request without a (Bearer) token gets Prism's own
  // 401 (not the spec's envelope) and never reaches the fake. The checks that send one run in
  // process above.
  const OWN_401 = ["unauthorized", "auth-tokens", "response-headers"];
  // Hundreds of requests each, of response shapes the other checks already show Prism; they
  // run in process above, which keeps this run well inside its timeout.
  // named-examples: the spec's own examples, which Ajv validates in the unit tests.
  const HEAVY = ["parameter-values", "filters", "named-examples"];
  const THROUGH_PROXY = ALL.filter((id) => !OWN_401.includes(id) && !HEAVY.includes(id));

  it("every check passes and Prism reports no violation", { timeout: 40_000 }, async () => {
    const violations: string[] = [];
    const report = await runContract({
      rate: 0,
      mode: "live",
      baseUrl: prism.url,
      token: "contract-token",
      only: THROUGH_PROXY,
      hooks: fakeContractHooks(fake),
      async fetch(request) {
        const response = await fetch(request);
        const header = response.headers.get("sl-violations");
        if (header) violations.push(`${request.url}: ${header}`);
        return response;
      },
    });
    expect(violations).toEqual([]);
    expect(report.failed, formatReport(report)).toBe(0);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual(
      THROUGH_PROXY.map((id) => [id, "passed"]),
    );
    expect(fake.requests.length).toBeGreaterThan(100);
  });
});
