import { describe, expect, it } from "vitest";
import { REDACTED, redact } from "../../src/internal/redact.js";

describe("redact", () => {
  it("removes a short token only as a whole word, so ordinary text stays readable", () => {
    expect(redact("<title>502</title> token t here", "t")).toBe(
      `<title>502</title> token ${REDACTED} here`,
    );
    expect(redact("a+b (x) a+b", "a+b")).toBe(`${REDACTED} (x) ${REDACTED}`);
  });

  it("replaces every occurrence of the token", () => {
    expect(redact("a tok123 b tok123", "tok123")).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it("replaces anything shaped like a key, even without the token", () => {
    expect(redact("key ka_live_AbC-123_x and ka_test_zz9")).toBe(`key ${REDACTED} and ${REDACTED}`);
  });

  it("leaves other text alone", () => {
    expect(redact("limit must be an integer", "tok123")).toBe("limit must be an integer");
    expect(redact("ka_other_thing")).toBe("ka_other_thing");
  });

  it("removes the token percent-encoded too, as a server echoes it in a URL", () => {
    const token = "Zq9SECRET+tok/en=";
    const text = `?token=${encodeURIComponent(token)} and Bearer%20${encodeURIComponent(token)}`;
    expect(redact(text, token)).toBe(`?token=${REDACTED} and Bearer%20${REDACTED}`);
    // A short one as a whole word only, as sent.
    expect(redact("a%2Bb x a%2Bbc", "a+b")).toBe(`${REDACTED} x a%2Bbc`);
  });

  it("ignores an empty token", () => {
    expect(redact("text", "")).toBe("text");
  });
});
