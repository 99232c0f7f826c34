// The demo cost model's exact building blocks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, priceWorkloads } from "../../src/testing/data/cost-model.js";
import { INSTANCE_TYPES, nodePrice } from "../../src/testing/data/instances.js";

describe("allocate", () => {
  it("splits a total exactly, each part within one unit of its proportional share", () => {
    const weights = fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), {
      minLength: 1,
      maxLength: 50,
    });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), weights, (total, ws) => {
        const parts = allocate(total, ws);
        const weightSum = ws.reduce((a, b) => a + b, 0n);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(weightSum === 0n ? 0n : total);
        for (const [i, w] of ws.entries()) {
          const floor = weightSum === 0n ? 0n : (total * w) / weightSum;
          const part = parts[i] as bigint;
          expect(part === floor || (weightSum > 0n && part === floor + 1n)).toBe(true);
        }
      }),
    );
  });

  it("gives equal weights equal parts unless the leftover splits them, earlier first", () => {
    expect(allocate(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(allocate(9n, [1n, 1n, 1n])).toEqual([3n, 3n, 3n]);
  });
});

describe("priceWorkloads", () => {
  const m6i = INSTANCE_TYPES.aws[0];
  if (!m6i) throw new Error("no AWS instance types");
  const nodes = [m6i, m6i].map((type) => ({ type, price: nodePrice(type, "on_demand") }));

  it("prices requests as a share of capacity: direct at most the bill, fully loaded all of it", () => {
    const requests = [
      { cpu: 500n, memory: 1024n },
      { cpu: 250n, memory: 512n },
      { cpu: 250n, memory: 512n },
    ];
    const use = { cpu: 6000n, memory: 7000n };
    const { direct, fullyLoaded } = priceWorkloads(nodes, requests, use);
    const bill = 2n * 1920n;
    const sumOf = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    expect(sumOf(fullyLoaded)).toBe(bill);
    expect(sumOf(direct) <= (bill * 7000n) / 10_000n).toBe(true);
    expect(direct[1]).toBe(direct[2]); // equal requests, equal cost
    // Twice the requests, twice the cost (each half rounded down on its own).
    const gap = (direct[0] as bigint) - 2n * (direct[1] as bigint);
    expect(gap >= -1n && gap <= 1n).toBe(true);
  });

  it("a cluster without nodes costs its workloads nothing; one without workloads spreads nothing", () => {
    const use = { cpu: 5000n, memory: 5000n };
    expect(priceWorkloads([], [{ cpu: 100n, memory: 128n }], use)).toEqual({
      direct: [0n],
      fullyLoaded: [0n],
    });
    expect(priceWorkloads(nodes, [], use)).toEqual({ direct: [], fullyLoaded: [] });
  });

  it("spot and reserved capacity cost less than on-demand for every cloud type", () => {
    for (const type of [...INSTANCE_TYPES.aws, ...INSTANCE_TYPES.gcp, ...INSTANCE_TYPES.azure]) {
      expect(nodePrice(type, "spot") < nodePrice(type, "reserved")).toBe(true);
      expect(nodePrice(type, "reserved") < nodePrice(type, "on_demand")).toBe(true);
    }
  });
});
