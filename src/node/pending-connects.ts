import type { Socket } from "node:net";
import { buildConnector } from "undici";

// What undici's connector hears of a TCP connect ended because no request waits for it: one
// error a socket, so that listeners never share an object (or its stack).
const abandoned = () => new Error("the connect was abandoned: no request waits for it");

/**
 * The connector of the transport's own `Agent`, which keeps in view the sockets still
 * connecting (TCP, then TLS). undici hands a request its controller only once its connection
 * is up, so neither the request's abort, nor the client's deadline, nor `Agent.destroy()` reaches
 * a connect in progress: a host that never completes it kept the process alive for undici's
 * connect timeout (10 s) after the call had ended. Here such a socket keeps the process alive
 * only while some request waits for a connection ({@link hold}, {@link release}): once none
 * does, a TLS handshake goes on unref'd and a TCP connect is ended. {@link destroy} ends them
 * all.
 */
export class PendingConnects {
  readonly #sockets = new Set<Socket>();
  #waiting = 0;

  /** The `connect` option of an undici `Agent`. */
  readonly connect: buildConnector.connector;

  constructor() {
    const connector = buildConnector({});
    this.connect = (options, callback) => {
      // undici's connector returns its socket, though its type does not say so.
      const socket = connector(options, (error, connected) => {
        this.#sockets.delete(socket);
        // Connected, undici refs and unrefs it as requests come and go (it expects it ref'd).
        socket.ref();
        (callback as (error: Error | null, socket: Socket | null) => void)(error, connected);
      }) as unknown as Socket;
      this.#sockets.add(socket);
      if (this.#waiting === 0) socket.unref();
    };
  }

  /** A request waits for a connection: connects in progress keep the process alive. */
  hold(): void {
    // Called per request: no iterator made while nothing connects (the usual case).
    if (this.#waiting++ === 0 && this.#sockets.size > 0) {
      for (const socket of this.#sockets) socket.ref();
    }
  }

  /** A request no longer waits (it got its connection, or ended before). */
  release(): void {
    if (--this.#waiting === 0 && this.#sockets.size > 0) {
      // A TLS handshake is I/O on an unref'd handle, but a TCP connect is a libuv request, which
      // keeps the process alive whatever the ref: ended, with an error so that undici's
      // connector hears of it (a bare destroy() emits none, and the socket would stay here).
      for (const socket of this.#sockets) {
        if (socket.connecting) socket.destroy(abandoned());
        else socket.unref();
      }
    }
  }

  /** Ends every connect in progress. */
  destroy(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }
}
