import { describe, expect, it } from "vitest";
import { BadRequestError } from "../../src/errors.js";
import { safePathSerializer } from "../../src/internal/safe-path-serializer.js";

const PATH = "https://api.test/v1/clusters/{cluster_id}";

function rejection(value: unknown) {
  try {
    safePathSerializer(PATH, { cluster_id: value });
  } catch (error) {
    return error as BadRequestError;
  }
  throw new Error("expected a rejection");
}

describe("safePathSerializer", () => {
  it("percent-encodes a value into one segment", () => {
    expect(safePathSerializer(PATH, { cluster_id: "a/b?c#d" })).toBe(
      "https://api.test/v1/clusters/a%2Fb%3Fc%23d",
    );
  });

  it("keeps a value containing dots that is not a dot segment", () => {
    expect(safePathSerializer(PATH, { cluster_id: "..." })).toBe(
      "https://api.test/v1/clusters/...",
    );
    expect(safePathSerializer(PATH, { cluster_id: "v1.2" })).toBe(
      "https://api.test/v1/clusters/v1.2",
    );
  });

  it.each([
    ["..", "dot_segment"],
    [".", "dot_segment"],
    ["%2e%2e", "dot_segment"],
    ["%2E", "dot_segment"],
    ["", "empty"],
    [undefined, "missing"],
    [null, "missing"],
    [{ a: 1 }, "not_scalar"],
    [["a"], "not_scalar"],
  ])("rejects %j (%s) with BadRequestError naming the parameter", (value, reason) => {
    const error = rejection(value);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.details).toEqual([{ field: "cluster_id", reason }]);
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("accepts a number", () => {
    expect(safePathSerializer(PATH, { cluster_id: 42 })).toBe("https://api.test/v1/clusters/42");
  });
});
