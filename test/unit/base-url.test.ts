import { describe, expect, it } from "vitest";
import { KubeadaptError } from "../../src/errors.js";
import { checkBaseUrl, isLoopback } from "../../src/internal/base-url.js";

describe("isLoopback", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.255.0.9", "[::1]"])("%s is", (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(["example.com", "10.0.0.1", "128.0.0.1", "localhost.evil.com", "127.0.0.1.nip.io"])(
    "%s is not",
    (host) => {
      expect(isLoopback(host)).toBe(false);
    },
  );
});

describe("checkBaseUrl", () => {
  it("accepts https:// anywhere", () => {
    expect(checkBaseUrl("https://api.test/prefix", false).href).toBe("https://api.test/prefix");
  });

  it("refuses http:// to a non-loopback host unless allowed", () => {
    expect(() => checkBaseUrl("http://api.test", false)).toThrow(KubeadaptError);
    expect(checkBaseUrl("http://api.test", true).origin).toBe("http://api.test");
  });

  // A flag read from a config file or the environment arrives as text: "false" is truthy.
  it.each(["false", "0", "true", 1, {}])(
    "keeps refusing http:// when allowInsecureHttp is %o",
    (flag) => {
      expect(() => checkBaseUrl("http://api.test", flag as never)).toThrow(/unencrypted/);
    },
  );

  it("refuses credentials, queries and fragments in the URL", () => {
    expect(() => checkBaseUrl("https://user:pw@api.test", false)).toThrow(/credentials/);
    expect(() => checkBaseUrl("https://api.test/?x=1", false)).toThrow(KubeadaptError);
    expect(() => checkBaseUrl("https://api.test/#x", false)).toThrow(KubeadaptError);
  });

  it("does not echo credentials it refuses", () => {
    expect(() => checkBaseUrl("https://user:ka_live_pw@api.test", false)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("ka_live_pw") }),
    );
    expect(() => checkBaseUrl("ka_live_pw@api.test", false)).toThrow(/not an absolute URL/);
    expect(() => checkBaseUrl("ka_live_pw@api.test", false)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("ka_live_pw") }),
    );
  });
});
