// A loopback port that drops every SYN, as a firewall or a wrong IP does: a TCP connect to it
// stays in progress (a libuv ConnectWrap) until the connector gives up. A stopped child process
// listens there with a backlog of 1; two connections fill its accept queue (Linux holds backlog
// + 1), which nobody accepts, and the kernel then drops the SYNs that follow.
import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";

/** A running blackhole. */
export interface BlackholePort {
  /** `127.0.0.1:<port>`: put `http://` or `https://` in front. */
  host: string;
  close(): void;
}

const LISTEN = `const server = require("node:net").createServer();
server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => console.log(server.address().port));`;

/** Starts a blackhole port; close it when done. */
export async function startBlackholePort(): Promise<BlackholePort> {
  const child = spawn(process.execPath, ["-e", LISTEN], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (data) => resolve(Number(String(data))));
    child.once("exit", () => reject(new Error("the listening process ended")));
  });
  child.kill("SIGSTOP");
  const fillers: Socket[] = [];
  for (let i = 0; i < 2; i++) {
    const socket = connect(port, "127.0.0.1");
    fillers.push(socket);
    await new Promise((resolve) => socket.once("connect", resolve));
  }
  return {
    host: `127.0.0.1:${port}`,
    close: () => {
      for (const socket of fillers) socket.destroy();
      child.kill("SIGKILL");
    },
  };
}
