// An HTTP proxy on a free loopback port that only tunnels (CONNECT, as undici's ProxyAgent
// asks), recording where each tunnel went: tests see which requests went through it.
import { createServer } from "node:http";
import { type AddressInfo, connect } from "node:net";

/** A running proxy. */
export interface TunnelingProxy {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The `host:port` of each tunnel opened, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/**
 * Starts a proxy that tunnels CONNECT requests and refuses any other with 405. `routes` maps a
 * requested `host:port` to the one it connects to, as a proxy resolves names its clients
 * cannot (a test's server has a name only the proxy knows, so it is not loopback to them).
 * With `refuse`, every CONNECT gets that status instead (recorded all the same), as Squid's
 * default 403 to a port other than 443.
 */
export async function startTunnelingProxy(
  routes: Record<string, string> = {},
  { refuse }: { refuse?: number } = {},
): Promise<TunnelingProxy> {
  const tunnels: string[] = [];
  const proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on("connect", (request, client, head) => {
    const target = request.url ?? "";
    tunnels.push(target);
    if (refuse !== undefined) {
      client.end(`HTTP/1.1 ${refuse} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host, port] = (routes[target] ?? target).split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
