// A loopback server in front of the fake API that fails the requests a test chooses: a walk
// that breaks off at a page of its choosing, over real sockets.
import type { FakeKubeadapt } from "../../src/testing/index.js";
import { type Loopback, startServer } from "./loopback-server.js";

/** The error envelope the proxy answers instead of the fake. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/**
 * Starts a proxy to `fake` (in-process) on a free loopback port; a request that `refuse`
 * answers gets that error and never reaches the fake. Close it with `close()`.
 */
export function startFakeProxy(
  fake: FakeKubeadapt,
  refuse: (url: URL) => Refusal | undefined,
): Promise<Loopback> {
  return startServer(async (request, response) => {
    const url = new URL(request.url, fake.baseUrl);
    const refusal = refuse(url);
    if (refusal) {
      const { status, code, message } = refusal;
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code, message } }));
      return;
    }
    const answer = await fake.fetch(url, {
      headers: { authorization: String(request.headers.authorization ?? "") },
    });
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(await answer.text());
  });
}
