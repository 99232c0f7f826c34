import { EnvHttpProxyAgent } from "undici";
import { type NodeFetch, nodeTransport } from "../node/index.js";
import { UsageError } from "./usage-error.js";

/**
 * The fetch the CLI sends with when the environment names a proxy, as undici's
 * `EnvHttpProxyAgent` reads it: `http_proxy`/`HTTP_PROXY` (lower case first) for http://
 * targets, `https_proxy`/`HTTPS_PROXY` for https:// ones (else the http proxy), and
 * `no_proxy`/`NO_PROXY` for hosts that go direct. Node's global fetch ignores these variables
 * (before Node 24, and there unless `NODE_USE_ENV_PROXY` is set), so a command run behind a
 * corporate proxy, a CI runner's included, could not reach the API.
 * Undefined when no proxy is named: the SDK's default fetch.
 * @throws UsageError when a proxy variable is not an http(s) URL (named, not quoted)
 */
export function proxyFetch(env: Record<string, string | undefined>): NodeFetch | undefined {
  const httpProxy = env.http_proxy || env.HTTP_PROXY || undefined;
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || undefined;
  if (!httpProxy && !httpsProxy) return undefined;
  for (const [name, value] of [
    ["HTTP_PROXY", httpProxy],
    ["HTTPS_PROXY", httpsProxy],
  ] as const) {
    // Not quoted: a proxy URL may hold credentials.
    if (value && !/^https?:$/.test(URL.canParse(value) ? new URL(value).protocol : "")) {
      throw new UsageError(`${name} is not an http(s) URL like http://proxy.example.com:3128`);
    }
  }
  // Every option given (an empty string for none), so that the agent reads nothing more from
  // the process's own environment than the command was given.
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: httpProxy ?? "",
    httpsProxy: httpsProxy ?? "",
    noProxy: env.no_proxy || env.NO_PROXY || "",
  });
  return nodeTransport({ dispatcher });
}
