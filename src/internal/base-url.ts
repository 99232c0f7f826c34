import { KubeadaptError } from "../errors.js";

/**
 * Parses `baseUrl` and refuses what would leak the token: a URL that does not parse, a scheme
 * other than http(s), credentials, a query or a fragment in the URL, or plain `http://` to a
 * host other than loopback (`localhost`, 127.0.0.0/8, `[::1]`) unless `allowInsecureHttp` is
 * `true` (only `true`: a flag read as text, "false", is truthy).
 */
export const checkBaseUrl = (baseUrl: string, allowInsecureHttp?: boolean): URL => {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  // Credentials, a query or a fragment (even an empty `?` or `#`) make href longer than this.
  if (!url || !/^https?:$/.test(url.protocol) || url.href !== url.origin + url.pathname) {
    // Not quoted: the text may hold a credential.
    throw new KubeadaptError(
      "baseUrl is not an absolute URL http(s)://host/path (pass credentials as `token`)",
    );
  }
  if (url.protocol === "http:" && allowInsecureHttp !== true && !isLoopback(url.hostname)) {
    throw new KubeadaptError(
      `baseUrl is plain http:// to ${url.hostname}: the token would travel unencrypted (use https:// or allowInsecureHttp: true)`,
    );
  }
  return url;
};

/** True for `localhost`, 127.0.0.0/8 and `[::1]`. */
export const isLoopback = (hostname: string): boolean =>
  /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/i.test(hostname);
