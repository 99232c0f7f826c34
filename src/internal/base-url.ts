import { KubeadaptError } from "../errors.js";
import { redact } from "./redact.js";

/**
 * Parses `baseUrl` and refuses what would leak the token: a URL that does not parse, a scheme
 * other than http(s), credentials, a query or a fragment in the URL, or plain `http://` to a
 * host other than loopback (`localhost`, 127.0.0.0/8, `[::1]`) unless `allowInsecureHttp`.
 */
export function checkBaseUrl(baseUrl: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // Quoted to show what was wrong, but never a key-shaped credential in it.
    throw new KubeadaptError(`baseUrl is not an absolute URL: ${redact(JSON.stringify(baseUrl))}`);
  }
  const { protocol, hostname } = url;
  const problem = !/^https?:$/.test(protocol)
    ? `must use https:// (got ${protocol}//)`
    : url.username || url.password
      ? "must not contain credentials (pass the token as `token`)"
      : url.search || url.hash
        ? "must not have a query or fragment"
        : protocol === "http:" && !allowInsecureHttp && !isLoopback(hostname)
          ? `is plain http:// to ${hostname}: the token would travel unencrypted (use https:// or allowInsecureHttp: true)`
          : "";
  if (problem) throw new KubeadaptError(`baseUrl ${problem}`);
  return url;
}

/** True for `localhost`, 127.0.0.0/8 and `[::1]`. */
export function isLoopback(hostname: string): boolean {
  return /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/i.test(hostname);
}
