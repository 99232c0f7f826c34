// The suite against a correct server whose data moves while it runs, as a live deployment's
// does: what the spec allows a live list to do is a note, never a violation.
import { describe, expect, it } from "vitest";
import { formatReport, runContract } from "../../src/contract/index.js";
import { betweenPages, recostOne, sequence } from "../helpers/live-data.js";
import { type Layer, target } from "../helpers/mutant-proxy.js";

/** Runs `only` against the fake behind `layer`; the one check's result. */
async function runOnly(layer: Layer, only: string) {
  const report = await runContract({ ...target(layer).options, only: [only] });
  const [check] = report.checks;
  return { check, text: formatReport(report) };
}

const WORKLOADS = /^\/v1\/workloads$/;

describe("costs that move during a walk (an item crossing the position may be missed or met twice)", () => {
  it("costs going up on every cursor request: full-walks passes, with a note", async () => {
    const layer = betweenPages(WORKLOADS, 1, recostOne(sequence(7), 1.5, 4));
    const { check, text } = await runOnly(layer, "full-walks");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(/moved in the sort order|moved from/);
  });

  it("costs going down on every cursor request (ids met twice, moved): full-walks passes", async () => {
    const layer = betweenPages(WORKLOADS, 1, recostOne(sequence(3), 0.3, 1));
    const { check, text } = await runOnly(layer, "full-walks");
    expect(check?.violations, text).toEqual([]);
    expect((check?.notes ?? []).join("\n")).toMatch(/moved/);
  });
});
