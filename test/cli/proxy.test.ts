// The CLI behind a proxy named by the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as curl
// and kubectl honour it: Node's own fetch does not, so without this a command run behind a
// corporate proxy, a CI runner's included, could not reach the API.
import { afterEach, describe, expect, it } from "vitest";
import { parseContract } from "../../src/cli/contract-args.js";
import { runContractCommand } from "../../src/cli/contract-command.js";
import { createFakeKubeadapt, type FakeServer } from "../../src/testing/index.js";
import { startTunnelingProxy, type TunnelingProxy } from "../helpers/tunneling-proxy.js";
import { runInProcess } from "./run-cli.js";

const TOKEN = "ka_proxy_cli_token";
const open: (FakeServer | TunnelingProxy)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

/** The fake API over loopback HTTP, and a proxy in front of nothing yet. */
async function apiAndProxy() {
  const api = await createFakeKubeadapt({ token: TOKEN }).listen();
  const proxy = await startTunnelingProxy();
  open.push(api, proxy);
  return { api, proxy, host: new URL(api.url).host };
}

describe("kubeadapt get behind a proxy", () => {
  it.each(["HTTP_PROXY", "http_proxy"])("goes through the proxy %s names", async (name) => {
    const { api, proxy, host } = await apiAndProxy();
    const run = await runInProcess(["get", "/v1/clusters", "--limit", "2", "--base-url", api.url], {
      KUBEADAPT_API_TOKEN: TOKEN,
      [name]: proxy.url,
    });
    expect(run.stderr).toContain("2 of ");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.split("\n")[0] as string)).toHaveProperty("kind", "Cluster");
    expect(proxy.tunnels).toEqual([host]);
  });

  it("goes direct to a host NO_PROXY names, and with no proxy variable at all", async () => {
    const { api, proxy } = await apiAndProxy();
    const argv = ["get", "/v1/clusters", "--limit", "1", "--base-url", api.url];
    const exempt = await runInProcess(argv, {
      KUBEADAPT_API_TOKEN: TOKEN,
      HTTP_PROXY: proxy.url,
      NO_PROXY: "127.0.0.1",
    });
    const none = await runInProcess(argv, { KUBEADAPT_API_TOKEN: TOKEN });
    expect([exempt.code, none.code]).toEqual([0, 0]);
    expect(proxy.tunnels).toEqual([]);
  });

  it("a proxy variable that is not an http(s) URL is a usage error that does not echo it", async () => {
    const { api, proxy } = await apiAndProxy();
    const run = await runInProcess(["get", "/v1/clusters", "--base-url", api.url], {
      KUBEADAPT_API_TOKEN: TOKEN,
      HTTPS_PROXY: "user:s3cret-proxy-password@proxy",
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "error: HTTPS_PROXY is not an http(s) URL like http://proxy.example.com:3128",
    );
    expect(run.stderr).not.toContain("s3cret");
    expect(proxy.tunnels).toEqual([]);
  });
});

describe("kubeadapt contract behind a proxy", () => {
  it("sends every request of the run through the proxy", async () => {
    const { api, proxy, host } = await apiAndProxy();
    let stdout = "";
    const code = await runContractCommand(
      parseContract(["--base-url", api.url, "--only", "envelopes", "--rate", "0"]),
      {
        env: { KUBEADAPT_API_TOKEN: TOKEN, HTTP_PROXY: proxy.url },
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: () => true },
      },
    );
    expect(stdout).toContain("envelopes");
    expect(code).toBe(0);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([host]));
  });
});
