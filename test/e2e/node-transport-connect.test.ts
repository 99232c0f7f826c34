// A TLS handshake that never completes: undici gives a request no way to abort its connect, so
// the socket used to keep the process alive for undici's 10 s connect timeout after the call
// had ended. Run in a child process, which must exit soon after the call's error.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { PendingConnects } from "../../src/node/pending-connects.js";
import { type BlackholePort, startBlackholePort } from "../helpers/blackhole-port.js";
import { type SilentPort, startSilentTlsPort } from "../helpers/silent-tls-port.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let silent: SilentPort | undefined;
let blackhole: BlackholePort | undefined;
afterEach(() => {
  silent?.close();
  blackhole?.close();
});

// Prints the call's error, then lets the process end by itself; resolves with what it printed,
// the milliseconds from the start to the error (`took`) and from the error to the exit.
async function lingerAfterError(script: string) {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
  });
  let printed = 0;
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
    printed = Date.now();
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  await new Promise((resolve) => child.on("exit", resolve));
  return { output, took: printed - started, linger: Date.now() - printed };
}

it.each([
  ["the deadline (timeoutMs)", "{ timeoutMs: 300 }", "TimeoutError"],
  ["an abort", "{ signal: AbortSignal.timeout(300) }", "AbortError"],
])(
  "a nodeTransport() connect still in progress at %s does not keep the process alive",
  async (_what, options, name) => {
    silent = await startSilentTlsPort();
    const timeout = options.includes("timeoutMs") ? options : "{}";
    const signal = options.includes("signal") ? options : "{}";
    const { output, linger } = await lingerAfterError(`
    import { createKubeadapt } from "./src/index.ts";
    import { nodeTransport } from "./src/node/index.ts";
    const ka = createKubeadapt({ baseUrl: "${silent.origin}", fetch: nodeTransport(), maxRetries: 0, logLevel: "off", ...${timeout} });
    ka.get("/v1/organization", ${signal}).catch((error) => console.log(error.name));
  `);
    expect(output.trim()).toBe(name);
    expect(linger).toBeLessThan(3000);
  },
  20_000,
);

it("close() ends a connect in progress", async () => {
  silent = await startSilentTlsPort();
  const { output, took, linger } = await lingerAfterError(`
    import { nodeTransport } from "./src/node/index.ts";
    const transport = nodeTransport();
    const pending = transport("${silent.origin}/").catch((error) => console.log(error.name));
    setTimeout(() => transport.close().then(() => pending), 300);
  `);
  // A closed transport's requests fail with a ConnectionError the client does not retry.
  expect(output.trim()).toBe("ConnectionError");
  // Not at undici's connect timeout (10 s); the child's start takes a second or so.
  expect(took).toBeLessThan(5000);
  expect(linger).toBeLessThan(3000);
}, 20_000);

// A TCP connect in progress is a libuv request (ConnectWrap), which keeps the process alive
// whatever its socket's ref: it lingered until undici's connect timeout (10 s) after the error.
it.each(["http", "https"])(
  "a nodeTransport() TCP connect to a host that drops SYNs (%s) does not outlive the call's error, nor leak listeners",
  async (scheme) => {
    blackhole = await startBlackholePort();
    const { output } = await lingerAfterError(`
    import { createKubeadapt } from "./src/index.ts";
    import { nodeTransport } from "./src/node/index.ts";
    const ka = createKubeadapt({ baseUrl: "${scheme}://${blackhole.host}", fetch: nodeTransport(), maxRetries: 0, logLevel: "off", timeoutMs: 200 });
    // More calls than Node's 10 listeners a socket may take before it warns of a leak.
    const names = new Set();
    for (let call = 0; call < 11; call++) {
      names.add(await ka.get("/v1/organization").then(() => "resolved", (error) => error.name));
    }
    // Two turns of the event loop: a socket destroyed in the first is closed by the second.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    const sockets = process.getActiveResourcesInfo().filter((type) => /TCP|Connect|TLS/.test(type));
    console.log([...names].join(), JSON.stringify(sockets));
  `);
    expect(output.trim()).toBe("TimeoutError []");
  },
  20_000,
);

it("each abandoned TCP connect is ended with an error of its own", async () => {
  blackhole = await startBlackholePort();
  const [hostname, port] = blackhole.host.split(":") as [string, string];
  const pending = new PendingConnects();
  const errors: (Error | null)[] = [];
  const ended = new Promise<void>((resolve) => {
    const connected = (error: Error | null) => {
      errors.push(error);
      if (errors.length === 2) resolve();
    };
    pending.hold();
    for (let i = 0; i < 2; i++) {
      const options = { hostname, host: hostname, port, protocol: "http:", servername: null };
      pending.connect(options as never, connected as never);
    }
  });
  // No request waits any more: both connects, still in progress, are ended.
  pending.release();
  await ended;
  const [first, second] = errors;
  expect(first?.message).toBe("the connect was abandoned: no request waits for it");
  expect(second?.message).toBe(first?.message);
  // Listeners (undici's, a user's) never share one object or its stack.
  expect(second).not.toBe(first);
}, 20_000);
