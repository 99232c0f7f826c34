import { formatReport, runContract } from "./src/contract/index.js";
import { createFakeKubeadapt } from "./src/testing/index.js";
const fake = createFakeKubeadapt({ token: "t" });
const t0 = Date.now();
const only = process.argv.slice(2);
const report = await runContract({ baseUrl: fake.baseUrl, token: "t", fetch: fake.fetch, only: only.length ? only : undefined,
  hooks: { expireCursors: () => fake.clock.advance(24 * 3600_000 + 1), rateLimited: async (fn) => { fake.setFaults({ rateLimit: { every: 1, retryAfterSeconds: 1 } }); try { return await fn(); } finally { fake.setFaults(undefined); } } } });
console.log(formatReport(report));
console.log("ms", Date.now() - t0, "requests", report.checks.map(c => `${c.id}:${c.requests}:${c.durationMs}`).join(" "));
