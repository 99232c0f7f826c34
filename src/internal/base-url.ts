import { KubeadaptError } from "../errors.js";

/**
 * Parses `baseUrl` and refuses what would leak the token: a URL that does not parse, a scheme
 * other than http(s), credentials, a query or a fragment in the URL, or plain `http://` to a host other than loopback
 * (`localhost`, 127.0.0.0/8, `[::1]`) unless `allowInsecureHttp`. Returns the URL without a
 * trailing slash.
 */
export function checkBaseUrl(baseUrl: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new KubeadaptError(`baseUrl is not an absolute URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new KubeadaptError(`baseUrl must use https:// (got ${url.protocol}//)`);
  }
  if (url.username || url.password) {
    throw new KubeadaptError("baseUrl must not contain credentials; pass the token as `token`");
  }
  if (url.search || url.hash) {
    throw new KubeadaptError("baseUrl must not have a query string or fragment");
  }
  if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new KubeadaptError(
      `refusing plain http:// to ${url.hostname}: the API token would travel unencrypted. ` +
        "Use https://, or pass allowInsecureHttp: true if you really mean it.",
    );
  }
  return url;
}

/** True for `localhost`, 127.0.0.0/8 and `[::1]`. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
