import { describe, expect, it } from "vitest";
import { tamperings } from "../../src/contract/tamper.js";

const encode = (value: unknown) => btoa(JSON.stringify(value));
const decode = (text: string) => JSON.parse(atob(text.replace(/-/g, "+").replace(/_/g, "/")));
const base64url = (text: string) => text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

describe("tamperings: changed cursors a server must refuse", () => {
  const payload = { v: 1, after_id: "31d19c37", sig: "_n3DIH04CLMDb2CqZohIc1kYKQ" };

  it("a base64url JSON cursor: one copy stays JSON, its longest string changed, in base64url", () => {
    const cursor = base64url(encode(payload));
    const [edited, middle] = tamperings(cursor);
    expect(edited).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decode(edited as string)).toEqual({ ...payload, sig: "_a3DIH04CLMDb2CqZohIc1kYKQ" });
    expect(middle).toHaveLength(cursor.length);
    expect(middle).not.toBe(cursor);
  });

  it("a padded base64 JSON cursor stays padded base64", () => {
    const cursor = encode({ id: "abcd" });
    expect(cursor).toMatch(/=$/);
    const [edited] = tamperings(cursor);
    expect(edited).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(edited?.length).toBe(cursor.length);
    expect(decode(edited as string)).toEqual({ id: "bbcd" });
  });

  it("an opaque cursor (not base64 JSON) gets its middle character changed", () => {
    expect(tamperings("c_8f3a91d2e7")).toEqual(["c_8f3aA1d2e7"]);
    expect(tamperings(encode("just a string"))).toHaveLength(1);
  });
});
