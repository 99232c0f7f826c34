import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contractChecks, runContract } from "../../src/contract/index.js";
import { target } from "../helpers/mutant-proxy.js";
import { CE_MUTANTS } from "../helpers/mutants-cost-explorer.js";
import { COVERAGE_MUTANTS } from "../helpers/mutants-coverage.js";
import { EXAMPLE_MUTANTS } from "../helpers/mutants-examples.js";
import { IDENTITY_MUTANTS } from "../helpers/mutants-identity.js";
import { PAGING_MUTANTS } from "../helpers/mutants-paging.js";
import { REQUEST_MUTANTS } from "../helpers/mutants-requests.js";
import { RESPONSE_MUTANTS } from "../helpers/mutants-responses.js";
import { VALUE_MUTANTS } from "../helpers/mutants-values.js";

const MUTANTS = [
  ...REQUEST_MUTANTS,
  ...RESPONSE_MUTANTS,
  ...EXAMPLE_MUTANTS,
  ...COVERAGE_MUTANTS,
  ...PAGING_MUTANTS,
  ...VALUE_MUTANTS,
  ...CE_MUTANTS,
  ...IDENTITY_MUTANTS,
];

/** Mutants also run against the full suite, not only the checks aimed at them. */
const FULL_SUITE = [
  "filter-kind-ignored",
  "nested-workloads-leak",
  "tie-breaker-reversed",
  "unknown-token-accepted",
  "limit-parse-int",
  "nested-always-empty",
];

/** The rows of docs/guides/contract-checks.md's table of checks: "| `id` | asserts | mutants |". */
function guideRows(): string[] {
  const guide = readFileSync(
    new URL("../../docs/guides/contract-checks.md", import.meta.url),
    "utf8",
  );
  return guide.split("\n").filter((line) => line.startsWith("| `"));
}

const failedIds = (report: Awaited<ReturnType<typeof runContract>>) =>
  report.checks.filter((c) => c.status === "failed").map((c) => c.id);

describe("the mutation suite: the contract suite against the fake with one server bug each", () => {
  it("has at least 40 mutants, and each check fails against one", () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(MUTANTS.length);
    const caught = new Set(MUTANTS.flatMap((m) => m.catches));
    expect(contractChecks.map((c) => c.id).filter((id) => !caught.has(id))).toEqual([]);
  });

  it("is documented: the guide's table has a row for exactly the suite's checks, in its order", () => {
    const ids = guideRows().map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
    expect(ids).toEqual(contractChecks.map((check) => check.id));
  });

  it("is documented: the guide's table lists each mutant under every check that catches it", () => {
    const rows = guideRows();
    const missing = MUTANTS.flatMap((m) =>
      m.catches
        .filter((id) => !rows.find((r) => r.startsWith(`| \`${id}\``))?.includes(`\`${m.id}\``))
        .map((id) => `${id}: ${m.id}`),
    );
    expect(missing).toEqual([]);
  });

  it("passes the correct server with no violation and nothing skipped", {
    timeout: 60_000,
  }, async () => {
    const report = await runContract(target().options);
    expect(report.checks.flatMap((c) => c.violations)).toEqual([]);
    expect(report.checks.filter((c) => c.status !== "passed").map((c) => c.id)).toEqual([]);
  });

  describe.concurrent("each mutant is caught by the checks aimed at it", () => {
    for (const mutant of MUTANTS) {
      it(`${mutant.id}: ${mutant.bug}`, { timeout: 60_000 }, async () => {
        const { options } = target(mutant.layer);
        const report = await runContract({ ...options, only: mutant.catches });
        expect(failedIds(report).sort()).toEqual([...mutant.catches].sort());
      });
    }
  });

  describe.concurrent("the full suite catches them too", () => {
    for (const id of FULL_SUITE) {
      const mutant = MUTANTS.find((m) => m.id === id);
      it(id, { timeout: 90_000 }, async () => {
        if (!mutant) throw new Error(`no mutant ${id}`);
        const report = await runContract(target(mutant.layer).options);
        expect(failedIds(report)).toEqual(expect.arrayContaining([...mutant.catches]));
      });
    }
  });
});
