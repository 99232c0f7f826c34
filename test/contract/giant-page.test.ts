import { describe, expect, it } from "vitest";
import { runContract } from "../../src/contract/index.js";
import { isPage, onBody, target } from "../helpers/mutant-proxy.js";

/**
 * More items on one page than V8 takes as arguments (about 120 000 spread into a push): a
 * server that ignores `limit` this badly must get a verdict, not crash the check that walks it.
 */
const GIANT = 150_000;

describe("a page far larger than limit", () => {
  it("is judged by the check that walks it, which does not crash on it", {
    timeout: 60_000,
  }, async () => {
    const { options } = target(
      onBody((body, { url }) => {
        const first = !url.searchParams.has("cursor") && url.searchParams.get("limit") === "500";
        if (url.pathname !== "/v1/workloads" || !first || !isPage(body) || !body.data.length)
          return;
        // The same item again and again: a small body, and every one a valid workload.
        body.data = Array.from({ length: GIANT }, () => body.data[0]);
      }),
    );
    const report = await runContract({ ...options, only: ["nested-collections"] });
    const [check] = report.checks;
    // Failed on what the page holds (the first item again and again), not stopped by a crash.
    expect(check?.status).toBe("failed");
    expect(check?.violations.filter((v) => /stopped|RangeError/.test(v))).toEqual([]);
  });
});
