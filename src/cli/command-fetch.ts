import { Agent, EnvHttpProxyAgent, Pool } from "undici";
import { type NodeFetch, nodeTransport } from "../node/index.js";
import { PendingConnects } from "../node/pending-connects.js";
import { transportWith } from "../node/transport.js";
import { readNoProxy } from "./no-proxy.js";
import { explainingRefusal, type ProxyInUse } from "./proxy-refusal.js";
import { ProxySockets } from "./proxy-sockets.js";
import { UsageError } from "./usage-error.js";

/** The fetch a command sends with, and the way to let go of its connections. */
export type CommandFetch = NodeFetch & {
  /**
   * Destroys every connection, in flight or idle, every connect still in progress, and every
   * connection to a proxy (a tunnel still in its TLS handshake too). undici does not tie a
   * connect, nor the tunnel it asks a proxy for (`CONNECT`), to the request that needed it: a
   * host that never completes the TLS handshake kept the process alive for 10 s, a proxy that
   * never answers for 300 s (its headers timeout), after the request was aborted or timed out.
   * A command calls this once it is done.
   */
  close(): Promise<void>;
};

/**
 * The fetch a command sends with: `kubeadapt/node`'s transport, so that a body is capped (an
 * endless one fails at 64 MiB instead of filling the memory until the time limit) and a long
 * walk costs less CPU than on Node's global fetch. Through a proxy when the environment names
 * one, as undici's `EnvHttpProxyAgent` reads it: `http_proxy`/`HTTP_PROXY` (lower case first)
 * for http:// targets, `https_proxy`/`HTTPS_PROXY` for https:// ones (else the http proxy), and
 * `no_proxy`/`NO_PROXY` for hosts that go direct (CIDR ranges too; loopback always does, all of
 * 127.0.0.0/8 and `*.localhost`: see `readNoProxy`). A tunnel the proxy refuses is said plainly (see
 * `explainRefusal`). Node's global fetch ignores these variables unless
 * `NODE_USE_ENV_PROXY=1` is set (read by Node 22 from 22.21, 24 and later; older ones ignore
 * them always), so a command run behind a corporate proxy, a CI runner's included, could not
 * reach the API.
 * @throws UsageError when a proxy variable is not an http(s) URL (named, not quoted)
 */
export function commandFetch(env: Record<string, string | undefined>): CommandFetch {
  const httpProxy = env.http_proxy || env.HTTP_PROXY || undefined;
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || undefined;
  // nodeTransport's own Agent: no time limit of its own (the client's covers the whole
  // response), and its close() ends connects in progress too.
  if (!httpProxy && !httpsProxy) return nodeTransport();
  for (const [name, value] of [
    ["HTTP_PROXY", httpProxy],
    ["HTTPS_PROXY", httpsProxy],
  ] as const) {
    // Not quoted: a proxy URL may hold credentials.
    if (value && !/^https?:$/.test(URL.canParse(value) ? new URL(value).protocol : "")) {
      throw new UsageError(`${name} is not an http(s) URL like http://proxy.example.com:3128`);
    }
  }
  const noProxy = readNoProxy(env.no_proxy || env.NO_PROXY || "");
  // The connects of its direct hosts (a proxy agent ignores the option), as nodeTransport's own.
  const pending = new PendingConnects();
  // As nodeTransport's own Agent: --timeout bounds a response, not undici's 300 s.
  const agentOptions = { headersTimeout: 0, bodyTimeout: 0, connect: pending.connect };
  // Loopback and NO_PROXY's CIDR ranges go direct here, as in Go's net/http: a proxy cannot
  // reach this machine's own ports (a local mock, a tunnel), and a token for one of them must
  // not travel through it. `isLoopback` is the plain-http rule's own test: all of 127.0.0.0/8;
  // `*.localhost` names (RFC 6761) are loopback too.
  const direct = new Agent(agentOptions);
  // The connections to the proxy: connecting, as a direct host's (a proxy that drops SYNs is let
  // go of), then kept until they close (a tunnel whose TLS handshake stalls).
  const toProxy = new ProxySockets(pending.connect);
  // Every option given (an empty string for none), so that the agent reads nothing more from
  // the process's own environment than the command was given.
  const viaEnv = new EnvHttpProxyAgent({
    ...agentOptions,
    clientFactory: (origin, options) => new Pool(origin, { ...options, connect: toProxy.connect }),
    httpProxy: httpProxy ?? "",
    httpsProxy: httpsProxy ?? "",
    noProxy: noProxy.names,
  });
  const proxyFor = (protocol: string): ProxyInUse | undefined =>
    protocol === "https:" && httpsProxy
      ? { variable: "HTTPS_PROXY", url: httpsProxy }
      : httpProxy
        ? { variable: "HTTP_PROXY", url: httpProxy }
        : undefined;
  const dispatcher = viaEnv.compose((dispatch) => (options, handler) => {
    const origin = String(options.origin);
    const { hostname, protocol } = new URL(origin);
    if (noProxy.direct(hostname)) return direct.dispatch(options, handler);
    const proxy = proxyFor(protocol);
    return dispatch(options, proxy ? explainingRefusal(handler, proxy, origin) : handler);
  });
  return Object.assign(transportWith({ dispatcher }, pending), {
    close: async () => {
      pending.destroy();
      toProxy.destroy();
      await Promise.all([direct.destroy(), viaEnv.destroy()]);
    },
  });
}
