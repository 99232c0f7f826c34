// A loopback port that accepts TCP connections and never answers: a TLS handshake to it stalls
// until the client gives up (a firewall or an overloaded host seen from the client).
import { type AddressInfo, createServer, type Socket } from "node:net";

/** A running silent port. */
export interface SilentPort {
  /** `https://127.0.0.1:<port>`. */
  origin: string;
  close(): void;
}

/** Starts a silent port; close it when done. */
export async function startSilentTlsPort(): Promise<SilentPort> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
