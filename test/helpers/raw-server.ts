// A loopback TCP server that answers each request head with raw bytes, for responses
// node:http will not write (a 304 announcing a body it never sends, a bad status line).
import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterEach } from "vitest";

/** A running raw server. */
export interface RawServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The head (request line and header lines) of every request received, in order. */
  heads: string[];
  close(): void;
}

/** Answers a request `head` on `socket` (write, end or leave it hanging). */
export type RawHandler = (socket: Socket, head: string) => void;

/** Starts a raw server; each test's servers are closed after it. */
export function rawServerPerTest(): (handler: RawHandler) => Promise<RawServer> {
  const servers: RawServer[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });
  return async (handler) => {
    const heads: string[] = [];
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
      let buffered = "";
      socket.on("data", (data) => {
        buffered += data.toString("latin1");
        for (let end = buffered.indexOf("\r\n\r\n"); end >= 0; end = buffered.indexOf("\r\n\r\n")) {
          const head = buffered.slice(0, end);
          buffered = buffered.slice(end + 4);
          heads.push(head);
          handler(socket, head);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const raw: RawServer = {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      heads,
      close: () => {
        for (const socket of sockets) socket.destroy();
        server.close();
      },
    };
    servers.push(raw);
    return raw;
  };
}
