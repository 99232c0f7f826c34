import { describe, expect, it } from "vitest";
import { BadRequestError } from "../../src/errors.js";
import { checkPageSize } from "../../src/internal/page-size.js";

describe("checkPageSize", () => {
  it.each([1, 250, 500, "100"])("accepts %j", (limit) => {
    expect(() => checkPageSize({ limit, per_page: limit })).not.toThrow();
  });

  it("accepts a query without limit or per_page", () => {
    expect(() => checkPageSize({ cursor: "x" })).not.toThrow();
    expect(() => checkPageSize(undefined)).not.toThrow();
  });

  it.each([0, 501, -5, 2.5, "abc", "", true, Number.POSITIVE_INFINITY])(
    "rejects limit %j as the server would",
    (limit) => {
      expect(() => checkPageSize({ limit })).toThrow(BadRequestError);
      try {
        checkPageSize({ limit });
      } catch (error) {
        expect((error as BadRequestError).details).toEqual([
          { field: "limit", reason: "out_of_range" },
        ]);
        expect((error as BadRequestError).message).toBe(
          "limit must be an integer between 1 and 500",
        );
      }
    },
  );

  it("names per_page when per_page is wrong", () => {
    expect(() => checkPageSize({ per_page: 0 })).toThrow(/per_page/);
  });
});
