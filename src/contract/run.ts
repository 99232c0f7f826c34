import { KubeadaptError } from "../index.js";
import { CHECKS } from "./checks/index.js";
import type { CheckContext, ContractCheck } from "./context.js";
import { carriedCursors } from "./cursor-age.js";
import { preflight } from "./preflight.js";
import { Probe } from "./probe.js";
import { tally } from "./report.js";
import { checkSavedTarget } from "./saved-target.js";
import { Session } from "./session.js";
import type {
  CheckResult,
  CheckStatus,
  ContractOptions,
  ContractReport,
  CutShort,
} from "./types.js";

/** The id and title of every check, in the order `runContract` runs them. */
export const contractChecks: readonly { id: string; title: string }[] = CHECKS.map(
  ({ id, title }) => ({ id, title }),
);

/**
 * Runs the contract suite against a Kubeadapt /v1 API and reports each check: passed, failed
 * (with its violations), skipped (with the reason) or error (the target could not be tested).
 * A check skipped because the run's own limits ran out (`maxRequests`, `maxDurationSeconds`,
 * `signal`) says so in `cutShortBy`, and `report.incomplete` counts them: a run cut short is
 * not a run that verified everything.
 * One preflight request comes first; when it fails (DNS, refused, TLS, a rejected token, a 404
 * or an answer that is not JSON), `report.untestable` says why and no check runs. Every
 * response is validated against the bundled spec. It never throws for what the target does;
 * it rejects only for bad options (an unknown check id, a `baseUrl` the SDK refuses, a negative
 * rate, `expiredCursors` saved against another base URL).
 * @example
 * const report = await runContract({ baseUrl: "https://staging.example.com", token, rate: 5 });
 * console.log(formatReport(report));
 */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const selected = selectChecks(options);
  checkNumbers(options);
  const started = Date.now();
  const session = new Session(options);
  const first = new Probe(options, session); // validates baseUrl and token before any request
  checkSavedTarget(options);
  const untestable = await preflight(first, options.baseUrl);
  const checks: CheckResult[] = [];
  for (const check of selected) {
    const limit = session.limitReached;
    const result = untestable
      ? notRun(check, "error", untestable)
      : limit
        ? notRun(check, "skipped", limit.reason, limit.kind)
        : await runCheck(check, options, session);
    checks.push(result);
    // A target that could not be tested is one reason, not one streamed line per check.
    if (!untestable) options.onResult?.(result);
  }
  const report: ContractReport = {
    mode: options.mode ?? "live",
    baseUrl: options.baseUrl,
    checks,
    ...tally(checks),
    requests: session.sent,
    retries: session.retries,
    durationMs: Date.now() - started,
    // Saved cursors too young to check yet (or unchecked: an untestable run) go on to the next run.
    cursors: [...session.cursors, ...carriedCursors(options, Date.now())],
  };
  if (untestable) report.untestable = untestable;
  return report;
}

function selectChecks(options: ContractOptions): readonly ContractCheck[] {
  const unknown = (options.only ?? []).filter((id) => !CHECKS.some((c) => c.id === id));
  if (unknown.length) {
    throw new KubeadaptError(
      `unknown contract check: ${unknown.join(", ")} (valid: ${CHECKS.map((c) => c.id).join(", ")})`,
    );
  }
  return options.only ? CHECKS.filter((c) => options.only?.includes(c.id)) : CHECKS;
}

function checkNumbers(options: ContractOptions): void {
  const {
    rate,
    maxRequests,
    maxDurationSeconds,
    maxRetries,
    maxRetryAfterSeconds,
    timeoutSeconds,
  } = options;
  if (rate !== undefined && !(Number.isFinite(rate) && rate >= 0)) {
    throw new KubeadaptError("rate must be a number of requests per second, 0 or more");
  }
  for (const [name, value, min] of [
    ["maxRequests", maxRequests, 1],
    ["maxDurationSeconds", maxDurationSeconds, 1],
    ["maxRetries", maxRetries, 0],
    ["maxRetryAfterSeconds", maxRetryAfterSeconds, 0],
    ["timeoutSeconds", timeoutSeconds, 1],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= min)) {
      throw new KubeadaptError(`${name} must be a whole number, ${min} or more`);
    }
  }
}

function notRun(
  check: ContractCheck,
  status: "skipped" | "error",
  reason: string,
  cutShortBy?: CutShort,
): CheckResult {
  const result: CheckResult = { ...base(check, status), requests: 0, retries: 0, durationMs: 0 };
  if (status === "error") result.error = reason;
  else result.skippedBecause = reason;
  if (cutShortBy) result.cutShortBy = cutShortBy;
  return result;
}

const base = ({ id, title }: ContractCheck, status: CheckStatus) => ({
  id,
  title,
  status,
  violations: [] as string[],
});

async function runCheck(
  check: ContractCheck,
  options: ContractOptions,
  session: Session,
): Promise<CheckResult> {
  const started = Date.now();
  const probe = new Probe(options, session);
  const hooks = options.hooks ?? {};
  const rateLimited = hooks.rateLimited;
  const context: CheckContext = {
    probe,
    mode: options.mode ?? "live",
    // While the target rate-limits on purpose, its 429s are what the check looks at.
    hooks: rateLimited
      ? { ...hooks, rateLimited: (fn) => rateLimited(() => session.withoutRetries(fn)) }
      : hooks,
    walkLimit: options.walkLimit ?? 20,
    maxWalkPages: options.maxWalkPages ?? 500,
    expiredCursors: options.expiredCursors,
    expiredCursorsFrom: options.expiredCursorsFrom,
    seed: options.seed ?? 1,
  };
  let skipped: string | undefined;
  try {
    skipped = (await check.run(context))?.skip;
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    if (!probe.interruption) probe.fail(`the check stopped: ${e.name}: ${e.message}`);
  }
  const stop = probe.interruption;
  // Only what was found before an interruption counts: later failures follow from it.
  const violations = probe.violations.slice(0, stop?.violationsBefore);
  // A pass must rest on something: a check that sent nothing checked nothing.
  if (!stop && !skipped && violations.length === 0 && probe.exchanges.length === 0) {
    violations.push("the check sent no request, so it checked nothing");
  }
  let status: CheckStatus = skipped ? "skipped" : "passed";
  if (stop) status = stop.kind === "unavailable" ? "error" : "skipped";
  if (violations.length) status = "failed";
  const result: CheckResult = {
    ...base(check, status),
    violations,
    requests: probe.sent,
    retries: probe.retries,
    durationMs: Date.now() - started,
  };
  if (status === "error" && stop) result.error = stop.reason;
  if (status === "skipped") result.skippedBecause = stop?.reason ?? skipped;
  // A token out of scope is the target's doing, not the run's limits: no cutShortBy.
  if (status === "skipped" && stop && stop.kind !== "unavailable" && stop.kind !== "forbidden") {
    result.cutShortBy = stop.kind;
  }
  // A failed check that was cut short says so: what it did not get to is unchecked.
  if (status === "failed" && stop) probe.note(`stopped before its end: ${stop.reason}`);
  if (probe.notes.length) result.notes = [...probe.notes];
  return result;
}
