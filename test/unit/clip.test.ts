import { describe, expect, it } from "vitest";
import { clip } from "../../src/internal/clip.js";

describe("clip: a quoted text cut so that the cut shows", () => {
  it("leaves a text that fits as it is", () => {
    expect(clip("12345678901234567891")).toBe("12345678901234567891");
    expect(clip("x".repeat(40))).toBe("x".repeat(40));
  });

  it("keeps the start and the end of a longer one around a …, in at most max characters", () => {
    const digits = "1234567890".repeat(5);
    const cut = clip(digits);
    expect(cut).toBe(`${digits.slice(0, 20)}…${digits.slice(-19)}`);
    expect([...cut]).toHaveLength(40);
    expect(clip(`1.${"0".repeat(60)}e5`, 10)).toBe("1.000…00e5");
  });

  it("cuts between characters, never inside one written as two UTF-16 units", () => {
    expect(clip("😀".repeat(50), 5)).toBe("😀😀…😀😀");
  });
});
