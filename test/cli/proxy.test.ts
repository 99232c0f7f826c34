// The CLI behind a proxy named by the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as curl
// and kubectl honour it: Node's own fetch does not, so without this a command run behind a
// corporate proxy, a CI runner's included, could not reach the API. The API is served on
// loopback under a name only the proxy resolves, since loopback itself always goes direct.
import { spawn } from "node:child_process";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { parseContract } from "../../src/cli/contract-args.js";
import { runContractCommand } from "../../src/cli/contract-command.js";
import { createFakeKubeadapt, type FakeServer } from "../../src/testing/index.js";
import { startBlackholePort } from "../helpers/blackhole-port.js";
import { startTunnelingProxy, type TunnelingProxy } from "../helpers/tunneling-proxy.js";
import { runInProcess } from "./run-cli.js";

const TOKEN = "ka_proxy_cli_token";
const open: (FakeServer | TunnelingProxy | { close(): Promise<void> })[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** The fake API on loopback, reachable as `http://kubeadapt-api.test:<port>` through a proxy. */
async function apiBehindProxy() {
  const api = await createFakeKubeadapt({ token: TOKEN }).listen();
  const { port } = new URL(api.url);
  const host = `kubeadapt-api.test:${port}`;
  const proxy = await startTunnelingProxy({ [host]: `127.0.0.1:${port}` });
  open.push(api, proxy);
  return { api, proxy, host, baseUrl: `http://${host}` };
}

/** `kubeadapt get` of two clusters from `baseUrl`, with the token and `env`. */
const getClusters = (baseUrl: string, env: Record<string, string>) =>
  runInProcess(
    ["get", "/v1/clusters", "--limit", "2", "--base-url", baseUrl, "--allow-insecure-http"],
    { KUBEADAPT_API_TOKEN: TOKEN, ...env },
  );

describe("kubeadapt get behind a proxy", () => {
  it.each(["HTTP_PROXY", "http_proxy"])("goes through the proxy %s names", async (name) => {
    const { proxy, host, baseUrl } = await apiBehindProxy();
    const run = await getClusters(baseUrl, { [name]: proxy.url });
    expect(run.stderr).toContain("2 of ");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.split("\n")[0] as string)).toHaveProperty("kind", "Cluster");
    expect(proxy.tunnels).toEqual([host]);
  });

  it("goes direct to a host NO_PROXY names, and to loopback always", async () => {
    const { api, proxy, baseUrl } = await apiBehindProxy();
    // Direct, the name does not resolve: the command fails to connect.
    const exempt = await getClusters(baseUrl, {
      HTTP_PROXY: proxy.url,
      NO_PROXY: "example.com,kubeadapt-api.test",
    });
    const loopback = await getClusters(api.url, { HTTP_PROXY: proxy.url });
    expect(exempt.code).toBe(3);
    expect(exempt.stderr).toContain("kubeadapt-api.test");
    expect(loopback.code).toBe(0);
    expect(proxy.tunnels).toEqual([]);
  });

  it("goes direct to a *.localhost name (RFC 6761 loopback): the token never reaches the proxy", async () => {
    const api = await createFakeKubeadapt({ token: TOKEN }).listen();
    const { port } = new URL(api.url);
    const host = `app.localhost:${port}`;
    // The proxy could reach it: only the routing decides.
    const proxy = await startTunnelingProxy({ [host]: `127.0.0.1:${port}` });
    open.push(api, proxy);
    const run = await getClusters(`http://${host}`, { HTTP_PROXY: proxy.url });
    expect(proxy.tunnels).toEqual([]);
    // Direct: served where the resolver maps *.localhost to loopback, else it does not resolve.
    expect(run.code === 0 || run.stderr.includes("app.localhost"), run.stderr).toBe(true);
  });

  it("with no proxy variable, goes direct", async () => {
    const { proxy, baseUrl } = await apiBehindProxy();
    const run = await getClusters(baseUrl, {});
    expect(run.code).toBe(3);
    expect(proxy.tunnels).toEqual([]);
  });

  it("a proxy variable that is not an http(s) URL is a usage error that does not echo it", async () => {
    const { proxy, baseUrl } = await apiBehindProxy();
    const run = await getClusters(baseUrl, { HTTPS_PROXY: "user:s3cret-proxy-password@proxy" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "error: HTTPS_PROXY is not an http(s) URL like http://proxy.example.com:3128",
    );
    expect(run.stderr).not.toContain("s3cret");
    expect(proxy.tunnels).toEqual([]);
  });
});

// A host that goes direct although undici's own NO_PROXY matching would send it to the proxy:
// loopback past localhost/127.0.0.1/[::1], and NO_PROXY entries in CIDR form.
describe("kubeadapt get, direct past undici's NO_PROXY matching", () => {
  /** The fake API bound to `host`, or undefined where this machine has no such address. */
  async function apiOn(host: string) {
    try {
      const api = await createFakeKubeadapt({ token: TOKEN }).listen({ host });
      const proxy = await startTunnelingProxy();
      open.push(api, proxy);
      return { api, proxy, hostPort: new URL(api.url).host };
    } catch (error) {
      if ((error as { code?: string }).code === "EADDRNOTAVAIL") return undefined;
      throw error;
    }
  }

  it.for(["127.0.0.2", "127.0.1.1"])(
    "goes direct to loopback %s, which is loopback for the plain-http rule too",
    async (host, context) => {
      const served = await apiOn(host);
      if (!served) return context.skip(`${host} is not an address of this machine`);
      // Not --allow-insecure-http: plain http:// is allowed because it is loopback.
      const argv = ["get", "/v1/clusters", "--limit", "2", "--base-url", served.api.url];
      const run = await runInProcess(argv, {
        KUBEADAPT_API_TOKEN: TOKEN,
        HTTP_PROXY: served.proxy.url,
      });
      expect(run.stderr).toContain("2 of ");
      expect(run.code).toBe(0);
      expect(served.proxy.tunnels).toEqual([]);
    },
  );

  // An address of this machine that is not loopback, with its interface's CIDR range.
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === "IPv4" && !a.internal && a.cidr);

  it.runIf(lan)(
    "goes direct to an IP inside a NO_PROXY CIDR range, through the proxy to one outside",
    async () => {
      const served = await apiOn(lan?.address as string);
      if (!served) throw new Error("the interface's address cannot be bound");
      const get = (noProxy: string) =>
        getClusters(served.api.url, { HTTP_PROXY: served.proxy.url, NO_PROXY: noProxy });
      const inside = await get(`example.com,${lan?.cidr}`);
      expect(inside.code).toBe(0);
      expect(served.proxy.tunnels).toEqual([]);
      const outside = await get("example.com,198.51.100.0/24,fd00::/8");
      expect(outside.code).toBe(0);
      expect(served.proxy.tunnels).toEqual([served.hostPort]);
    },
  );
});

describe("a proxy that refuses to tunnel to the target", () => {
  async function apiBehindRefusingProxy(status: number) {
    const api = await createFakeKubeadapt({ token: TOKEN }).listen();
    const host = `kubeadapt-api.test:${new URL(api.url).port}`;
    const proxy = await startTunnelingProxy({}, { refuse: status });
    open.push(api, proxy);
    // Credentials in the proxy's URL, which no message may show.
    const proxyUrl = proxy.url.replace("//", "//ci-user:s3cret-proxy-password@");
    return { proxy, proxyUrl, baseUrl: `http://${host}` };
  }

  it("contract says which proxy refused to tunnel where, and suggests NO_PROXY (403)", async () => {
    const { proxy, proxyUrl, baseUrl } = await apiBehindRefusingProxy(403);
    const argv = ["contract", "--base-url", baseUrl, "--allow-insecure-http", "--rate", "0"];
    const run = await runInProcess(argv, { KUBEADAPT_API_TOKEN: TOKEN, HTTP_PROXY: proxyUrl });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `error: cannot reach ${baseUrl}: GET /v1/organization: the proxy at ${proxy.url} (HTTP_PROXY) refused to tunnel to ${baseUrl.slice(7)} (CONNECT → 403; many proxies tunnel to port 443 only: add kubeadapt-api.test to NO_PROXY to go direct)`,
    );
    expect(run.stderr).not.toContain("s3cret");
    expect(run.stderr).not.toContain("ci-user");
    expect(run.stderr).not.toContain("HTTP Tunneling");
  });

  it("get says the proxy wants credentials (407), naming the variable, not its value", async () => {
    const { proxy, proxyUrl, baseUrl } = await apiBehindRefusingProxy(407);
    const run = await getClusters(baseUrl, { HTTP_PROXY: proxyUrl });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `the proxy at ${proxy.url} (HTTP_PROXY) refused to tunnel to ${baseUrl.slice(7)} (CONNECT → 407: it wants credentials; check the user and password in HTTP_PROXY)`,
    );
    expect(run.stderr).not.toContain("s3cret");
  });

  it.each([
    [407, 1],
    [403, 1],
    [502, 3],
  ])(
    "get asks a proxy that answers %i that many times (%i), and its hint names the variable",
    async (status, tunnels) => {
      const { proxy, proxyUrl, baseUrl } = await apiBehindRefusingProxy(status);
      const run = await getClusters(baseUrl, { HTTP_PROXY: proxyUrl });
      expect(run.code).toBe(3);
      // A refusal is the same on every attempt; a proxy's gateway error may not be.
      expect(proxy.tunnels).toHaveLength(tunnels);
      expect(run.stderr).toContain(
        "hint: the proxy that HTTP_PROXY names did not open the tunnel: check HTTP_PROXY, or add the API's host to NO_PROXY to go direct",
      );
      expect(run.stderr).not.toContain("could not reach the server");
    },
  );
});

describe("kubeadapt contract behind a proxy", () => {
  it("sends every request of the run through the proxy (--allow-insecure-http: plain http)", async () => {
    const { proxy, host, baseUrl } = await apiBehindProxy();
    let stdout = "";
    const argv = ["--base-url", baseUrl, "--allow-insecure-http", "--only", "envelopes"];
    const code = await runContractCommand(parseContract([...argv, "--rate", "0"]), {
      env: { KUBEADAPT_API_TOKEN: TOKEN, HTTP_PROXY: proxy.url },
      stdout: {
        // As a Node stream does, it says when each write is done: the command checks them.
        write: (text: string, done?: () => void) => {
          stdout += text;
          done?.();
        },
      },
      stderr: { write: () => true },
    });
    expect(stdout).toContain("✓ envelopes:");
    expect(stdout).toContain("1 passed, 0 failed");
    expect(code).toBe(0);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([host]));
  });

  it("refuses a plain http:// URL to a non-loopback host without --allow-insecure-http", async () => {
    const { proxy, baseUrl } = await apiBehindProxy();
    let stderr = "";
    const code = await runContractCommand(parseContract(["--base-url", baseUrl]), {
      env: { KUBEADAPT_API_TOKEN: TOKEN, HTTP_PROXY: proxy.url },
      stdout: { write: (_text: string, done?: () => void) => done?.() },
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/plain http:\/\/ to kubeadapt-api\.test/);
    expect(proxy.tunnels).toEqual([]);
  });
});

describe("Ctrl-C behind a proxy that never opens the tunnel", () => {
  // Accepts the connection and never answers the CONNECT. undici does not tie that CONNECT to
  // the request that asked for it: unless the command lets go of it, the connection (and the
  // process) lives on for its 300 s headers timeout after the command has returned.
  async function silentProxy(onConnection: () => void) {
    let closed = () => {};
    const connectionClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const server = createNetServer((socket) => {
      socket.on("error", () => {});
      socket.once("close", () => closed());
      onConnection();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, connectionClosed };
  }

  it.each([
    ["get", ["get", "/v1/clusters", "--base-url", "https://api.example.com"]],
    ["contract", ["contract", "--base-url", "https://api.example.com", "--rate", "0"]],
  ])("%s exits 130 and closes its connection to the proxy", async (_name, argv) => {
    const interrupt = new AbortController();
    const proxy = await silentProxy(() => interrupt.abort());
    const run = await runInProcess(
      argv,
      { KUBEADAPT_API_TOKEN: TOKEN, HTTPS_PROXY: proxy.url },
      interrupt.signal,
    );
    expect(run.code).toBe(130);
    await proxy.connectionClosed;
  });
});

describe("a proxy's connection still in progress when the command is done", () => {
  // The command runs in a child process; once it has returned, its sockets are listed there.
  async function socketsAfter(argv: string[], env: Record<string, string>) {
    const script = `
      import { runCli } from "./src/cli/run.ts";
      const code = await runCli(${JSON.stringify(argv)}, {
        stdout: process.stdout, stderr: process.stderr, env: process.env,
        signal: new AbortController().signal,
      });
      // Two turns of the event loop: a socket destroyed in the first is closed by the second.
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
      const sockets = process.getActiveResourcesInfo().filter((type) => /TCP|Connect|TLS/.test(type));
      console.log(code, JSON.stringify(sockets));
    `;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: new URL("../..", import.meta.url),
        env: { ...process.env, KUBEADAPT_API_TOKEN: TOKEN, KUBEADAPT_BASE_URL: "", ...env },
      },
    );
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    await new Promise((resolve) => child.on("exit", resolve));
    return stdout.trim().split("\n").at(-1);
  }

  // Answers CONNECT with 200, then forwards nothing: the API's TLS handshake never completes,
  // as when a firewall behind the proxy drops the traffic.
  async function proxyWithDeadTunnels() {
    const sockets = new Set<Socket>();
    const server = createNetServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.once("data", () => socket.write("HTTP/1.1 200 Connection Established\r\n\r\n"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    open.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Unlike an http server, a net server keeps its sockets open on close().
          for (const socket of sockets) socket.destroy();
        }),
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const get = [
    "get",
    "/v1/organization",
    "--base-url",
    "https://api.example.test",
    "--timeout",
    "1",
  ];

  it("a tunnel whose TLS handshake stalls: get exits 3 with nothing left holding the process", async () => {
    const proxy = await proxyWithDeadTunnels();
    expect(await socketsAfter(get, { HTTPS_PROXY: proxy })).toBe("3 []");
  }, 30_000);

  it("a proxy that drops SYNs: get exits 3 with nothing left holding the process", async () => {
    const blackhole = await startBlackholePort();
    open.push({ close: async () => blackhole.close() });
    expect(await socketsAfter(get, { HTTPS_PROXY: `http://${blackhole.host}` })).toBe("3 []");
  }, 30_000);
});
