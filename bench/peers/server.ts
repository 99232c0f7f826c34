// The fakes over loopback HTTP, in a process of their own so that serving costs the measured
// process nothing: prints its port on the first line of stdout, then serves until killed.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { answer } from "./fakes.js";

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const origin = `http://${request.headers.host}`;
    const url = new URL(request.url ?? "/", origin);
    const { status, headers, body } = answer(
      request.method ?? "GET",
      url,
      Buffer.concat(chunks).toString(),
      origin,
    );
    response.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
});
// Longer than any pause between two walks: a client's idle keep-alive socket stays usable.
server.keepAliveTimeout = 120_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
