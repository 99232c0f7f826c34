// NO_PROXY as the CLI reads it before undici's own matching (exact hosts and suffixes): loopback
// and CIDR ranges go direct, as in Go's net/http, curl and Python.
import { describe, expect, it } from "vitest";
import { readNoProxy } from "../../src/cli/no-proxy.js";

describe("readNoProxy", () => {
  it("sends every loopback address direct, all of 127.0.0.0/8, whatever NO_PROXY says", () => {
    const { direct } = readNoProxy("");
    for (const host of [
      "localhost",
      "127.0.0.1",
      "127.0.0.2",
      "127.0.1.1",
      "127.255.0.9",
      "[::1]",
    ]) {
      expect(direct(host), host).toBe(true);
    }
    expect(direct("128.0.0.1")).toBe(false);
    expect(direct("localhost.example.com")).toBe(false);
  });

  it("sends every *.localhost name direct (RFC 6761 loopback), and no name that only contains it", () => {
    const { direct } = readNoProxy("example.com");
    for (const host of ["app.localhost", "a.b.LOCALHOST", "localhost.", "app.localhost."]) {
      expect(direct(host), host).toBe(true);
    }
    for (const host of ["notlocalhost", "app-localhost", "localhost.example.com", "localhostx"]) {
      expect(direct(host), host).toBe(false);
    }
  });

  it("sends an IPv4 literal inside a CIDR entry direct, one outside it to the proxy", () => {
    const { direct } = readNoProxy("example.com, 10.0.0.0/8 192.168.4.0/22");
    expect(direct("10.1.2.3")).toBe(true);
    expect(direct("192.168.7.255")).toBe(true);
    expect(direct("192.168.8.0")).toBe(false);
    expect(direct("11.0.0.1")).toBe(false);
    // A name is never matched by a range: undici matches names.
    expect(direct("example.com")).toBe(false);
  });

  it("sends an IPv6 literal inside a CIDR entry direct, brackets or not in the entry", () => {
    const { direct } = readNoProxy("fd00::/8,[2001:db8::]/32");
    expect(direct("[fd12:3456::1]")).toBe(true);
    expect(direct("[2001:db8:1::5]")).toBe(true);
    expect(direct("[2001:db9::5]")).toBe(false);
    expect(direct("[fe80::1]")).toBe(false);
  });

  it("sends an IPv6 literal a bare NO_PROXY address names direct, as curl and Go read it", () => {
    const noProxy = readNoProxy("fd00::2, 2001:DB8::1");
    expect(noProxy.direct("[fd00::2]")).toBe(true);
    expect(noProxy.direct("[2001:db8::1]")).toBe(true);
    expect(noProxy.direct("[fd00::3]")).toBe(false);
    // Not left to undici, which would read `fd00::2` as host `fd00:`, port 2.
    expect(noProxy.names).toBe("");
  });

  it("leaves every other entry to undici, and ignores a range past its family's length", () => {
    const noProxy = readNoProxy("*.corp.example, api.test:8443,10.0.0.0/33, 10.0.0.0/8,[::1]");
    expect(noProxy.names).toBe("*.corp.example,api.test:8443,[::1]");
    expect(noProxy.direct("10.0.0.1")).toBe(true);
    expect(readNoProxy("10.0.0.0/33").direct("10.0.0.1")).toBe(false);
    expect(readNoProxy("*").names).toBe("*");
  });
});
