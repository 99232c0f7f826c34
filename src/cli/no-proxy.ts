import { BlockList, isIP } from "node:net";
import { isLoopback } from "../internal/base-url.js";

/** A `NO_PROXY` value, read: what goes direct before undici's own matching is asked. */
export interface NoProxy {
  /**
   * The entries undici's `EnvHttpProxyAgent` matches itself (a host, a domain suffix, an exact
   * IP, each with an optional port; `*` for every host): all but the CIDR ones.
   */
  names: string;
  /**
   * Whether a request to `hostname` (as `URL.hostname` spells it, IPv6 in brackets) goes
   * direct whatever `names` says: loopback, as {@link isLoopback} reads it for the plain-http
   * rule (all of 127.0.0.0/8, as Go's net/http bypasses every loopback IP), a `*.localhost`
   * name (RFC 6761), or an IP literal inside a CIDR entry (`10.0.0.0/8`, `fd00::/8`), as Go,
   * curl and Python read `NO_PROXY`.
   */
  direct(hostname: string): boolean;
}

// RFC 6761 reserves `localhost` and every name under it for loopback; curl, Chrome and
// systemd-resolved resolve them there, so a proxy could not reach them and must not see the token.
const LOCALHOST = /(^|\.)localhost\.?$/i;

// An address and a prefix length; an IPv6 address may come in brackets.
const CIDR = /^\[?([^\]/]+)\]?\/(\d{1,3})$/;

/**
 * Splits a `NO_PROXY` value (entries separated by commas or white space) into the CIDR entries
 * and bare IPv6 addresses, matched here with Node's `BlockList`, and the rest, left to undici.
 * undici's agent matches exact hosts and suffixes only: `10.0.0.0/8` never matched, and it
 * reads `fd00::2` as host `fd00:` port 2; both requests went to the proxy. An entry that looks
 * like CIDR but is not valid (`10.0.0.0/33`) matches nothing.
 */
export function readNoProxy(value: string): NoProxy {
  const ranges = new BlockList();
  const names: string[] = [];
  for (const entry of value.split(/[,\s]+/).filter(Boolean)) {
    if (isIP(entry) === 6) {
      ranges.addAddress(entry, "ipv6");
      continue;
    }
    const cidr = CIDR.exec(entry);
    const family = cidr ? isIP(cidr[1] as string) : 0;
    if (!cidr || family === 0) {
      names.push(entry);
      continue;
    }
    try {
      ranges.addSubnet(cidr[1] as string, Number(cidr[2]), family === 4 ? "ipv4" : "ipv6");
    } catch {
      // A prefix past the family's length: no range to add.
    }
  }
  return {
    names: names.join(","),
    direct: (hostname) => {
      if (isLoopback(hostname) || LOCALHOST.test(hostname)) return true;
      const ip = hostname.replace(/^\[(.*)\]$/, "$1");
      const family = isIP(ip);
      return family !== 0 && ranges.check(ip, family === 4 ? "ipv4" : "ipv6");
    },
  };
}
