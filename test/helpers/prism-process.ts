/**
 * Starts a Prism process (`mock` for the contract project's global setup, `proxy` in front of
 * the fake) on a free loopback port: its own process group, ready on "Prism is listening",
 * SIGTERM then SIGKILL on stop, NODE_ENV unset.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const STARTUP_TIMEOUT_MS = 30_000;
const PRISM = fileURLToPath(new URL("../../node_modules/.bin/prism", import.meta.url));

/** The bundled spec Prism reads. */
export const SPEC_FILE = fileURLToPath(new URL("../../generated/openapi.json", import.meta.url));

/** A running Prism. */
export interface PrismProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops Prism and its children. */
  stop(): Promise<void>;
}

/**
 * Runs `prism <command> <args…> -h 127.0.0.1 -p <free port>` and resolves once it listens.
 * @example
 * const prism = await startPrism("proxy", ["--errors", SPEC_FILE, upstream]);
 */
export async function startPrism(command: string, args: string[]): Promise<PrismProcess> {
  const port = await freePort();
  const env = { ...process.env };
  delete env.NODE_ENV; // production mode makes Prism fork a cluster
  const child = spawn(PRISM, [command, ...args, "-h", "127.0.0.1", "-p", String(port)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);
  try {
    await waitForListening(child);
  } catch (error) {
    killGroup(child, "SIGKILL");
    process.off("exit", killOnExit);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      killGroup(child, "SIGTERM");
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

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

function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    let settled = false;
    const timer = setTimeout(
      () => settle(new Error(`Prism did not listen within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onExit = (code: number | null, signal: string | null) =>
      settle(new Error(`Prism exited (${signal ?? code}) before listening:\n${output}`));
    function settle(error?: Error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    }
    // Keep draining after startup (a full pipe would block Prism), keeping only a tail.
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes("Prism is listening")) settle();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", (error) => settle(error));
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
