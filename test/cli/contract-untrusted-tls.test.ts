// kubeadapt contract against a server whose TLS certificate Node does not trust (self-signed,
// a private CA), or that speaks no TLS at all: the line says what to change, as get's hint does.
import { expect, it } from "vitest";
import { serverPerTest } from "../helpers/loopback-server.js";
import { runInProcess } from "./run-cli.js";

const serve = serverPerTest();
const TOKEN = "ka_live_tls0test0secret000000000000000000";

it("exit 3 naming the certificate error, and NODE_EXTRA_CA_CERTS as get names it", async () => {
  const server = await serve((_, response) => response.end("{}"), true);
  const env = { KUBEADAPT_API_TOKEN: TOKEN };
  const contract = await runInProcess(["contract", "--base-url", server.origin], env);
  expect(contract.code).toBe(3);
  expect(contract.stderr).toMatch(/^error: cannot reach https:\/\/127\.0\.0\.1:\d+: .*CERT/m);
  const get = await runInProcess(["get", "/v1/clusters", "--base-url", server.origin], env);
  const hint = /hint: (.*)/.exec(get.stderr)?.[1];
  expect(hint).toContain("NODE_EXTRA_CA_CERTS=ca.pem");
  // The same advice, for the setting contract's line can name.
  expect(contract.stderr).toContain(hint?.replace("--base-url", "the base URL"));
});

it("an https:// URL on a port that speaks plain HTTP: use http:// or the TLS port, not a CA", async () => {
  const server = await serve((_, response) => response.end("{}"));
  const url = server.origin.replace(/^http:/, "https:");
  const env = { KUBEADAPT_API_TOKEN: TOKEN };
  const contract = await runInProcess(["contract", "--base-url", url], env);
  expect(contract.code).toBe(3);
  // One line: OpenSSL's message loses its trailing newline.
  const line = /^error: cannot reach https:.*$/m.exec(contract.stderr)?.[0];
  expect(line).toMatch(
    /\(ERR_SSL_WRONG_VERSION_NUMBER\); the server does not speak TLS on that port: use http:\/\/ in the base URL, or the port that serves https:\/\/$/,
  );
  expect(contract.stderr).not.toContain("NODE_EXTRA_CA_CERTS");
  const get = await runInProcess(["get", "/v1/clusters", "--base-url", url], env);
  expect(get.code).toBe(3);
  expect(get.stderr).toContain(
    "hint: the server does not speak TLS on that port: use http:// in --base-url, or the port that serves https://",
  );
  expect(get.stderr).not.toContain("NODE_EXTRA_CA_CERTS");
});
