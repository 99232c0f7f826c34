// A skipped check says the true reason: a server that breaks pagination is not reported as one
// whose list is too short.
import { describe, expect, it } from "vitest";
import { runContract } from "../../src/contract/index.js";
import { errorEnvelope, json, on, onBody, target } from "../helpers/mutant-proxy.js";

describe("skip reasons", () => {
  it("has_more with no next_cursor: the cursor checks say so (not 'at most 2 items'), full-walks fails", async () => {
    const { options } = target(
      onBody((body) => {
        const pagination = body?.meta?.pagination;
        if (pagination?.has_more) pagination.next_cursor = "";
      }),
    );
    const only = ["invalid-cursor", "cursor-query-changed", "cursor-expired", "full-walks"];
    const report = await runContract({ ...options, only });
    const [invalid, changed, expired, walks] = report.checks;
    for (const check of [invalid, changed, expired]) {
      expect(check?.status).toBe("skipped");
      expect(check?.skippedBecause).toBe(
        "GET /v1/workloads?limit=2 says has_more but gives no next_cursor: no cursor to test with",
      );
    }
    expect(walks?.status).toBe("failed");
    // A skip for what the target does is no skip for lack of budget: the run is complete.
    expect(report.checks.map((c) => c.cutShortBy)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(report.incomplete).toBe(0);
  });

  it("a list that fails (500) is a violation of every check that needed it, not an empty list", async () => {
    const down = () => json(errorEnvelope("INTERNAL_ERROR", "database timeout"), 500);
    const { options } = target(on(/^\/v1\/(clusters|workloads)$/, async () => down()));
    const only = ["envelopes", "nested-collections", "single-resources", "include-total-toggle"];
    const report = await runContract({ ...options, only });
    for (const check of report.checks) {
      expect(check.status, check.id).toBe("failed");
      expect(check.violations.join("\n"), check.id).toMatch(/expected 200, got 500 INTERNAL_ERROR/);
      expect((check.notes ?? []).join("\n"), check.id).not.toMatch(/is empty/);
    }
  });

  it("a list of one item: include-total-toggle says at most 1 item (it read page 1 at limit 1)", async () => {
    const { options } = target(
      on(
        /^\/v1\/workloads$/,
        onBody((body) => {
          const pagination = body?.meta?.pagination;
          if (!pagination) return;
          body.data = body.data.slice(0, 1);
          pagination.has_more = false;
          pagination.next_cursor = "";
          if (pagination.total_count !== undefined) pagination.total_count = 1;
        }),
      ),
    );
    const report = await runContract({ ...options, only: ["include-total-toggle"] });
    expect(report.checks[0]?.skippedBecause).toBe(
      "/v1/workloads has at most 1 item: no page 2 to toggle include_total on",
    );
  });
});
