// The CLI against a host that accepts TCP and never answers the TLS handshake: its final error,
// or Ctrl-C, ends the process at once, not at undici's connect timeout (10 s) later.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { type SilentPort, startSilentTlsPort } from "../helpers/silent-tls-port.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const TOKEN = "ka_live_cli0connect0secret00000000000000";
let silent: SilentPort | undefined;
afterEach(() => silent?.close());

// Runs `get` against the silent port; `interruptAfterMs` sends SIGINT then. Resolves with the
// exit code and the milliseconds from the last output (or the signal) to the exit.
async function getFromSilentHost(interruptAfterMs?: number, env: Record<string, string> = {}) {
  silent = await startSilentTlsPort();
  const args = ["get", "/v1/clusters", "--base-url", silent.origin, "--timeout", "1"];
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { ...process.env, KUBEADAPT_API_TOKEN: TOKEN, KUBEADAPT_BASE_URL: "", ...env },
  });
  let last = Date.now();
  child.stdout.on("data", () => {
    last = Date.now();
  });
  child.stderr.on("data", () => {
    last = Date.now();
  });
  if (interruptAfterMs !== undefined) {
    setTimeout(() => {
      child.kill("SIGINT");
      last = Date.now();
    }, interruptAfterMs);
  }
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, linger: Date.now() - last };
}

it("exits soon after its final error while a TLS connect is still in progress", async () => {
  const { code, linger } = await getFromSilentHost();
  expect(code).toBe(3);
  expect(linger).toBeLessThan(3000);
}, 30_000);

it("exits soon after Ctrl-C while a TLS connect is still in progress", async () => {
  const { code, linger } = await getFromSilentHost(2000);
  expect(code).toBe(130);
  expect(linger).toBeLessThan(3000);
}, 30_000);

it("exits soon after its final error with a proxy set, for a host it reaches directly", async () => {
  // Loopback never goes through the proxy (which does not exist here).
  const { code, linger } = await getFromSilentHost(undefined, {
    HTTPS_PROXY: "http://127.0.0.1:9",
  });
  expect(code).toBe(3);
  expect(linger).toBeLessThan(3000);
}, 30_000);
