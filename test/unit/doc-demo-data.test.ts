// demo-data.md's price table and the figures around it are the fake's: INSTANCE_TYPES (sizes,
// on-demand and spot prices), the spot range, the reserved share and DEFAULT_SIZES; and its cost
// model's: the clusters' utilisation band and the recommendations' savings.
import { describe, expect, it } from "vitest";
import { UTILISATION_PERCENT } from "../../src/testing/data/cost-model.js";
import { DEFAULT_SIZES } from "../../src/testing/data/dataset.js";
import { INSTANCE_TYPES, nodePrice } from "../../src/testing/data/instances.js";
import {
  RIGHTSIZE_SAVING_PERCENT,
  SAVINGS_BILL_DIVISOR,
  SPOT_SAVING_PERCENT,
} from "../../src/testing/data/recommendations.js";
import { factProblems, readDoc, type StatedFact } from "../helpers/doc-facts.js";

const GUIDE = "docs/guides/demo-data.md";
const ROWS: Record<keyof typeof INSTANCE_TYPES, string> = {
  aws: "AWS",
  gcp: "GCP",
  azure: "Azure",
  on_prem: "on premises",
};
const dollars = (tenThousandths: bigint) => Number(tenThousandths) / 10_000;

/** The instance types a table row lists: `name (vcpu/GiB, on-demand[, spot])`, as numbers. */
function listed(row: string): string[] {
  return [...row.matchAll(/([\w.-]+) \((\d+)\/(\d+), ([\d.]+)(?:, ([\d.]+))?\)/g)].map((m) =>
    [m[1], m[2], m[3], Number(m[4]), m[5] === undefined ? "-" : Number(m[5])].join(" "),
  );
}

/** What the guide's price table gets wrong, row by row. */
function tableProblems(markdown: string): string[] {
  return Object.entries(INSTANCE_TYPES).flatMap(([provider, types]) => {
    const label = ROWS[provider as keyof typeof ROWS];
    const row = markdown.split("\n").find((line) => line.startsWith(`| ${label} |`)) ?? "";
    const expected = types.map((type) =>
      [
        type.name,
        type.vcpu,
        type.memoryGiB,
        dollars(type.onDemand),
        type.spot === type.onDemand ? "-" : dollars(type.spot),
      ].join(" "),
    );
    const stated = listed(row);
    return stated.join() === expected.join()
      ? []
      : [
          `${label}: the table says ${stated.join(", ")}; INSTANCE_TYPES has ${expected.join(", ")}`,
        ];
  });
}

const cloud = Object.entries(INSTANCE_TYPES)
  .filter(([provider]) => provider !== "on_prem")
  .flatMap(([, types]) => types);
const spotShares = cloud.map((type) => (100 * Number(type.spot)) / Number(type.onDemand));
const sample = cloud[0] as (typeof cloud)[number];

const FACTS: StatedFact[] = [
  {
    file: GUIDE,
    pattern: /spot\s+prices sit at (\d+–\d+) %/g,
    expected: `${Math.floor(Math.min(...spotShares))}–${Math.ceil(Math.max(...spotShares))}`,
    source: "INSTANCE_TYPES' spot / on-demand",
  },
  {
    file: GUIDE,
    pattern: /costs (\d+) % of on-demand/g,
    // Rounded: the price itself is rounded to a ten-thousandth.
    expected: Math.round((100 * Number(nodePrice(sample, "reserved"))) / Number(sample.onDemand)),
    source: "nodePrice's reserved share",
  },
  {
    file: GUIDE,
    pattern: /`DEFAULT_SIZES`: (\d+\s+clusters, \d+\s+workloads)/g,
    expected: `${DEFAULT_SIZES.clusters} clusters, ${DEFAULT_SIZES.workloads} workloads`,
    source: "DEFAULT_SIZES",
  },
  ...(["cpu", "memory"] as const).map((resource) => ({
    file: GUIDE,
    pattern: new RegExp(`(\\d+–\\d+) % of\\s+its ${resource === "cpu" ? "CPU" : "memory"}`, "g"),
    expected: UTILISATION_PERCENT[resource].join("–"),
    source: `UTILISATION_PERCENT.${resource}`,
  })),
  {
    file: GUIDE,
    pattern: /(\d+–\d+) % of an over-requested workload/g,
    expected: RIGHTSIZE_SAVING_PERCENT.join("–"),
    source: "RIGHTSIZE_SAVING_PERCENT",
  },
  {
    file: GUIDE,
    pattern: /(\d+) % of an on-demand group moved to spot/g,
    expected: SPOT_SAVING_PERCENT.on_demand,
    source: "SPOT_SAVING_PERCENT.on_demand",
  },
  {
    file: GUIDE,
    pattern: /(\d+) % of a reserved one/g,
    expected: SPOT_SAVING_PERCENT.reserved,
    source: "SPOT_SAVING_PERCENT.reserved",
  },
  {
    file: GUIDE,
    pattern: /at\s+most a (\w+) of the monthly bill/g,
    expected: { 2: "half", 3: "third", 4: "quarter", 5: "fifth" }[SAVINGS_BILL_DIVISOR] ?? "",
    source: "SAVINGS_BILL_DIVISOR",
  },
];

describe("demo-data.md's prices and sizes", () => {
  it("are the fake's instance types, spot range, reserved share, default sizes, utilisation and savings", () => {
    expect(tableProblems(readDoc(GUIDE))).toEqual([]);
    expect(factProblems(FACTS)).toEqual([]);
  });

  it("notice a utilisation band that changed and the old spot range (the code has 35 or 60)", () => {
    const stale = readDoc(GUIDE)
      .replace(/45–80 % of\s+its CPU/, "40–80 % of its CPU")
      .replace(
        /60 % of an on-demand group moved to spot and 35 % of a reserved one/,
        "35–60 % of a group moved to spot",
      );
    expect(factProblems(FACTS, () => stale)).toEqual([
      expect.stringMatching(/: says 40–80 where UTILISATION_PERCENT\.cpu is 45–80$/),
      expect.stringMatching(/nothing matches .*on-demand group moved to spot/),
      expect.stringMatching(/nothing matches .*a reserved one/),
    ]);
  });

  it("notice a price that changed and a type the table dropped", () => {
    const stale = readDoc(GUIDE)
      .replace("m6i.4xlarge (16/64, 0.768, 0.311)", "m6i.4xlarge (16/64, 0.768, 0.3)")
      .replace(", c2-standard-8 (8/32, 0.4176, 0.101)", "");
    expect(tableProblems(stale)).toEqual([
      expect.stringMatching(/^AWS: the table says .*m6i\.4xlarge 16 64 0\.768 0\.3,/),
      expect.stringMatching(
        /^GCP: the table says .*e2-standard-8 8 32 0\.2681 0\.0804; INSTANCE_TYPES/,
      ),
    ]);
  });
});
