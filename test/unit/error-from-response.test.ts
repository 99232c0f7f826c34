import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  type CursorExpiredError,
  InvalidCursorError,
  KubeadaptError,
  ProtocolError,
  RateLimitError,
  ServerError,
} from "../../src/errors.js";
import {
  BODY_EXCERPT_LENGTH,
  errorFromResponse,
  parseSuccessBody,
} from "../../src/internal/error-from-response.js";

const envelope = (code: string, message = "m", details: object[] = []) =>
  JSON.stringify({ data: null, meta: { request_id: "req_x" }, error: { code, message, details } });

const from = (status: number, body: string | undefined, headers: Record<string, string> = {}) =>
  errorFromResponse(new Response(null, { status, headers }), body, "tok_secret_1");

describe("errorFromResponse", () => {
  it("chooses the 400 class by code", () => {
    expect(from(400, envelope("BAD_REQUEST"))).toBeInstanceOf(BadRequestError);
    expect(from(400, envelope("BAD_REQUEST"))).not.toBeInstanceOf(InvalidCursorError);
    expect(from(400, envelope("INVALID_CURSOR"))).toBeInstanceOf(InvalidCursorError);
  });

  it("maps any 5xx to ServerError and an unlisted 4xx to KubeadaptError", () => {
    expect(from(507, envelope("INTERNAL_ERROR"))).toBeInstanceOf(ServerError);
    const teapot = from(418, envelope("TEAPOT"));
    expect(teapot.constructor).toBe(KubeadaptError);
    expect(teapot.code).toBe("TEAPOT");
  });

  it("reads CursorExpiredError.reason, defaulting to unknown", () => {
    const expired = from(410, envelope("CURSOR_EXPIRED", "old", [{ reason: "expired" }]));
    expect((expired as CursorExpiredError).reason).toBe("expired");
    expect((from(410, envelope("CURSOR_EXPIRED")) as CursorExpiredError).reason).toBe("unknown");
  });

  it("gives retryAfterMs from Retry-After, on the envelope error and on a ProtocolError", () => {
    const limited = from(429, envelope("RATE_LIMITED"), { "retry-after": "2" });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.retryAfterMs).toBe(2000);
    expect(from(429, "Too many", { "retry-after": "2" }).retryAfterMs).toBe(2000);
  });

  it("redacts the token from the message and the details", () => {
    const error = from(
      401,
      envelope("UNAUTHORIZED", "bad tok_secret_1", [{ field: "auth", message: "tok_secret_1" }]),
    );
    expect(error.message).toBe("bad [REDACTED]");
    expect(error.details).toEqual([{ field: "auth", message: "[REDACTED]" }]);
  });

  it("drops a details key that spells the token with JSON escapes", () => {
    // `\u0074` is "t": once parsed, the key is the token.
    const body = `{"error":{"code":"UNAUTHORIZED","message":"m","details":[{"field":"auth","\\u0074ok_secret_1":"v"}]}}`;
    const error = from(401, body);
    expect(JSON.stringify(error)).not.toContain("tok_secret_1");
    expect(error.details).toEqual([{ field: "auth" }]);
  });

  // What PHP's json_encode writes by default (`\/`), .NET's (`\u002B` for "+"), or any escape:
  // the quoted excerpt of a body that is not the envelope holds no spelling of the token.
  it.each([
    ["PHP's escaped slash", String.raw`{"message":"denied for Bearer Zq9s3cr3t\/tok+en=Wx7"}`],
    [".NET's escaped plus", String.raw`{"message":"denied for Zq9s3cr3t/tok\u002Ben=Wx7"}`],
    ["letters escaped", String.raw`{"msg":["\u005Aq9s3cr3t\u002ftok+en\u003dWx7"]}`],
    ["a key", String.raw`{"Zq9s3cr3t\/tok+en=Wx7":1,"message":"x"}`],
  ])("redacts a token echoed with JSON escapes (%s) from the excerpt", (_, body) => {
    const token = "Zq9s3cr3t/tok+en=Wx7";
    for (const status of [403, 503, 429]) {
      const error = errorFromResponse(new Response(null, { status }), body, token);
      const shown = `${error.message} ${JSON.stringify(error)}`;
      expect(shown).not.toMatch(/Zq9s3cr3t|tok\+en|Wx7/);
      expect(error.message).toMatch(/^expected a JSON error envelope with HTTP \d+, received/);
    }
  });

  it.each([
    ["an HTML page", "<html>404</html>"],
    ["JSON that is not an envelope", '{"message":"nope"}'],
    ["an empty body", undefined],
    ["an error without a code", '{"error":{"message":"x"}}'],
  ])("gives ProtocolError with the status for %s", (_, body) => {
    const error = from(404, body);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.status).toBe(404);
  });

  // A proxy or load balancer in front of the API answers these itself, in its own words: the
  // status is still true, and callers back off on the class.
  it.each([
    [429, RateLimitError],
    [500, ServerError],
    [502, ServerError],
    [503, ServerError],
    [504, ServerError],
  ])("gives a %i page that is not the envelope its status's class, saying so", (status, Type) => {
    const error = from(status, "<html><h1>Unavailable</h1></html>", {
      "content-type": "text/html",
      "retry-after": "3",
    });
    expect(error).toBeInstanceOf(Type);
    expect(error).not.toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ name: Type.errorName, status, retryAfterMs: 3000 });
    expect(error.code).toBeUndefined();
    expect(error.message).toBe(
      `expected a JSON error envelope with HTTP ${status}, received text/html: "<html><h1>Unavailable</h1></html>"`,
    );
  });

  // What a wrong base URL gets: a web server's own 404, a sign-in page's 401.
  it.each([400, 401, 403, 404, 408, 410, 418])(
    "keeps a %i that is not the envelope a ProtocolError",
    (status) => {
      expect(from(status, "<html>not here</html>")).toBeInstanceOf(ProtocolError);
    },
  );

  it("quotes at most a short excerpt of an unexpected body", () => {
    const error = from(502, `<html>${"y".repeat(10_000)}</html>`);
    expect(error.message.length).toBeLessThan(BODY_EXCERPT_LENGTH + 120);
    expect(error.message).toContain("…");
  });

  it("tolerates details that are missing or not an array", () => {
    const body = JSON.stringify({ error: { code: "NOT_FOUND", message: "gone", details: "x" } });
    expect(from(404, body).details).toEqual([]);
  });
});

describe("parseSuccessBody", () => {
  it("parses JSON", () => {
    expect(parseSuccessBody(new Response(), '{"data":1}')).toEqual({ data: 1 });
  });

  it.each([
    ["not JSON", "<html>"],
    ["empty", ""],
  ])("throws ProtocolError for %s", (_, body) => {
    expect(() => parseSuccessBody(new Response(), body)).toThrow(ProtocolError);
  });
});
