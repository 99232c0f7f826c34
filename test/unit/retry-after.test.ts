import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/internal/retry-after.js";

const NOW = Date.parse("2026-05-21T10:30:00Z");
const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), NOW);

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parse({ "retry-after": "30" })).toBe(30_000);
    expect(parse({ "retry-after": "0" })).toBe(0);
  });

  it("reads fractional seconds, and a huge number as it is (the retry layer decides what to wait)", () => {
    expect(parse({ "retry-after": "0.25" })).toBe(250);
    expect(parse({ "retry-after": "999999999" })).toBe(999_999_999_000);
  });

  it("reads an HTTP-date as the time left until it", () => {
    expect(parse({ "retry-after": "Thu, 21 May 2026 10:30:45 GMT" })).toBe(45_000);
  });

  it("reads an HTTP-date in the past as 0", () => {
    expect(parse({ "retry-after": "Thu, 21 May 2026 10:00:00 GMT" })).toBe(0);
  });

  it("reads retry-after-ms, and prefers it to Retry-After", () => {
    expect(parse({ "retry-after-ms": "1500" })).toBe(1500);
    expect(parse({ "retry-after-ms": "1500", "retry-after": "30" })).toBe(1500);
  });

  it.each(["", "soon", "-5", "1e3", "12abc"])("ignores a Retry-After of %j", (value) => {
    expect(parse({ "retry-after": value })).toBeUndefined();
  });

  it("is undefined without either header", () => {
    expect(parse({})).toBeUndefined();
  });
});
