import { describe, expect, it } from "vitest";
import { specExamples } from "../../src/contract/spec-examples.js";
import { validateAt } from "../../src/contract/spec-validator.js";
import { namedExamples } from "../../src/spec/named-examples.js";

describe("every example in the bundled spec validates against its schema (Ajv 2020-12)", () => {
  const examples = specExamples();

  it("finds the response, parameter, header and schema examples", () => {
    const where = new Set(examples.map((e) => e.at.split("/")[1]));
    expect(where).toEqual(
      new Set(["~1v1~1workloads", "parameters", "schemas", "responses", "headers"]),
    );
    expect(examples.length).toBeGreaterThan(40);
  });

  it.each(examples.map((e) => [e.at, e] as const))("%s", (_, example) => {
    expect(validateAt(example.schemaPointer, example.value).errors).toEqual([]);
  });

  it("includes every named response example of every operation", () => {
    const named = namedExamples();
    expect(named.length).toBeGreaterThan(150);
    for (const example of named) {
      expect(validateAt(example.schemaPointer, example.value).errors, example.name).toEqual([]);
    }
  });

  it("rejects a value its schema does not allow, so a pass means something", () => {
    const check = validateAt("components/schemas/Money", { amount: 12.48, currency: "usd" });
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining("/amount"),
        expect.stringContaining("/currency"),
      ]),
    );
  });
});
