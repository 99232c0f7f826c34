import { CHECKS } from "./checks/index.js";
import type { ContractCheck } from "./context.js";
import { Probe } from "./probe.js";
import type { CheckResult, ContractOptions, ContractReport } from "./types.js";

/** The id and title of every check, in the order `runContract` runs them. */
export const contractChecks: readonly { id: string; title: string }[] = CHECKS.map(
  ({ id, title }) => ({ id, title }),
);

/**
 * Runs the contract suite against a Kubeadapt /v1 API and reports each check: passed, failed
 * (with its violations) or skipped (with the reason). Every response is validated against the
 * bundled spec. It never throws for what the target does; it rejects only for bad options (an
 * unknown check id, a `baseUrl` the SDK refuses).
 * @example
 * const report = await runContract({ baseUrl: "http://127.0.0.1:4010", token: "x", mode: "mock" });
 * console.log(formatReport(report));
 */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const mode = options.mode ?? "live";
  const unknown = (options.only ?? []).filter((id) => !CHECKS.some((c) => c.id === id));
  if (unknown.length) throw new Error(`unknown contract check: ${unknown.join(", ")}`);
  const selected = options.only ? CHECKS.filter((c) => options.only?.includes(c.id)) : CHECKS;
  new Probe(options); // validates baseUrl and token before any check runs
  const checks: CheckResult[] = [];
  for (const check of selected) checks.push(await runCheck(check, options));
  const count = (status: CheckResult["status"]) => checks.filter((c) => c.status === status).length;
  return {
    mode,
    baseUrl: options.baseUrl,
    checks,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
  };
}

async function runCheck(check: ContractCheck, options: ContractOptions): Promise<CheckResult> {
  const started = Date.now();
  const probe = new Probe(options);
  let skipped: string | undefined;
  try {
    const outcome = await check.run({
      probe,
      mode: options.mode ?? "live",
      hooks: options.hooks ?? {},
      walkLimit: options.walkLimit ?? 20,
      maxWalkPages: options.maxWalkPages ?? 500,
      seed: options.seed ?? 1,
    });
    skipped = outcome?.skip;
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    probe.fail(`the check stopped: ${e.name}: ${e.message}`);
  }
  // A pass must rest on something: a check that sent nothing checked nothing.
  if (!skipped && probe.violations.length === 0 && probe.exchanges.length === 0) {
    probe.fail("the check sent no request, so it checked nothing");
  }
  const status = probe.violations.length ? "failed" : skipped ? "skipped" : "passed";
  const result: CheckResult = {
    id: check.id,
    title: check.title,
    status,
    violations: [...probe.violations],
    requests: probe.exchanges.length,
    durationMs: Date.now() - started,
  };
  if (skipped) result.skippedBecause = skipped;
  if (probe.notes.length) result.notes = [...probe.notes];
  return result;
}
