import type { Socket } from "node:net";
import type { buildConnector } from "undici";

/**
 * The connector of a proxy agent's connections to the proxy, which keeps each one in view until
 * it closes. Once the proxy grants a `CONNECT`, undici's `ProxyAgent` takes that connection from
 * its proxy client and runs the target's TLS handshake over it outside any client: neither
 * agent's `destroy()` reached a tunnel whose handshake stalled, which kept the process alive for
 * undici's connect timeout (10 s) after the command was done. {@link destroy} ends them all.
 */
export class ProxySockets {
  readonly #open = new Set<Socket>();

  /** The `connect` option of the proxy's client: `through`, with its sockets kept in view. */
  readonly connect: buildConnector.connector;

  constructor(through: buildConnector.connector) {
    this.connect = (options, callback) =>
      through(options, (error, socket) => {
        if (socket) {
          this.#open.add(socket);
          socket.once("close", () => this.#open.delete(socket));
        }
        (callback as (error: Error | null, socket: Socket | null) => void)(error, socket);
      });
  }

  /** Ends every connection to the proxy, a tunnel still handshaking with the target included. */
  destroy(): void {
    for (const socket of this.#open) socket.destroy();
    this.#open.clear();
  }
}
