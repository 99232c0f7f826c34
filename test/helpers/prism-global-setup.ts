/**
 * Global setup of the `contract` project: starts Prism on generated/openapi.json, unless
 * KUBEADAPT_BASE_URL points the suite at another server (then KUBEADAPT_API_TOKEN is required).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import type {} from "./contract-target.js";

const STARTUP_TIMEOUT_MS = 30_000;
const PRISM = fileURLToPath(new URL("../../node_modules/.bin/prism", import.meta.url));
const SPEC = fileURLToPath(new URL("../../generated/openapi.json", import.meta.url));

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.KUBEADAPT_BASE_URL;
  if (external) {
    const token = process.env.KUBEADAPT_API_TOKEN;
    if (!token) throw new Error("KUBEADAPT_BASE_URL is set but KUBEADAPT_API_TOKEN is not");
    project.provide("baseUrl", external.replace(/\/+$/, ""));
    project.provide("token", token);
    project.provide("prism", false);
    return;
  }

  const port = await freePort();
  const env = { ...process.env };
  delete env.NODE_ENV; // production mode makes Prism fork a cluster
  // detached: Prism gets its own process group, so teardown can kill it and any children.
  const prism = spawn(PRISM, ["mock", "--errors", "-h", "127.0.0.1", "-p", String(port), SPEC], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => killGroup(prism, "SIGKILL");
  process.once("exit", killOnExit);
  try {
    await waitForListening(prism);
  } catch (error) {
    killGroup(prism, "SIGKILL");
    throw error;
  }
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  project.provide("token", "prism-accepts-any-token");
  project.provide("prism", true);

  return async () => {
    process.off("exit", killOnExit);
    await stop(prism);
  };
}

/** A port that was free a moment ago: bind port 0, read it, release it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Resolves on "Prism is listening"; rejects with Prism's output on exit or timeout. */
function waitForListening(prism: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      // Keep reading after startup (a full pipe would block Prism), but keep only a tail.
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes("Prism is listening")) settle();
    };
    const onExit = (code: number | null, signal: string | null) =>
      settle(new Error(`Prism exited (${signal ?? code}) before listening:\n${output}`));
    const timer = setTimeout(
      () =>
        settle(
          new Error(`Prism did not start listening within ${STARTUP_TIMEOUT_MS} ms:\n${output}`),
        ),
      STARTUP_TIMEOUT_MS,
    );
    let settled = false;
    function settle(error?: Error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      prism.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    }
    prism.stdout?.on("data", onData);
    prism.stderr?.on("data", onData);
    prism.once("exit", onExit);
    prism.once("error", (error) => settle(error));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM the group, then SIGKILL it if Prism has not exited within 5 s. */
async function stop(prism: ChildProcess): Promise<void> {
  if (prism.exitCode !== null || prism.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => prism.once("exit", () => resolve()));
  killGroup(prism, "SIGTERM");
  const timer = setTimeout(() => killGroup(prism, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
