import { describe, expect, it } from "vitest";
import { REQUEST_ID_PATTERN, requestIdOf } from "../../src/internal/request-id.js";
import { type JsonObject, resolveRef, spec } from "../../src/spec/document.js";

const TOKEN = "ka_live_0123456789abcdef0123456789abcdef";

describe("requestIdOf", () => {
  it("holds the spec's pattern of meta.request_id", () => {
    const schemas = (spec as unknown as { components: { schemas: Record<string, unknown> } })
      .components.schemas;
    const meta = schemas.ResponseMeta as { properties: { request_id: JsonObject } };
    const { node } = resolveRef(meta.properties.request_id);
    expect(REQUEST_ID_PATTERN.source).toBe(node.pattern);
  });

  it("hands on an id of the spec's form", () => {
    expect(requestIdOf("req_01J5K3V0Q7Y4XR8A2B3C5D7E9F")).toBe("req_01J5K3V0Q7Y4XR8A2B3C5D7E9F");
  });

  it.each([
    ["the token", TOKEN],
    ["an echoed Authorization", `Bearer ${TOKEN}`],
    ["an id with the token after it", `req_1 ${TOKEN}`],
    ["a control sequence", "req_1\u001b[2K"],
    ["an empty id", "req_"],
    ["a number", 42],
    ["an array", ["req_1", TOKEN]],
    ["an object", { id: "req_1" }],
    ["nothing", undefined],
  ])("drops %s", (_name, value) => {
    expect(requestIdOf(value)).toBeUndefined();
  });
});
