/** Node's codes for a certificate it refused: self-signed, an unknown CA, another host's name. */
const CERTIFICATE = /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/**
 * What to do about a TLS failure with `code`, one line; undefined for any other code. A
 * certificate the runtime does not trust (self-signed, a private CA) or that names another
 * host; or `ERR_SSL_WRONG_VERSION_NUMBER`, what OpenSSL says when the answer to its hello is no
 * TLS record: an https:// URL on a port that speaks plain HTTP, with no certificate to trust.
 * Shared by `kubeadapt get`'s hints and the contract suite's preflight.
 * @param setting - what gave the URL, as the hint names it (`--base-url`, `the base URL`)
 */
export function tlsHint(code: string | undefined, setting: string): string | undefined {
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER") {
    return `the server does not speak TLS on that port: use http:// in ${setting}, or the port that serves https://`;
  }
  if (!CERTIFICATE.test(code ?? "")) return undefined;
  return `the server's TLS certificate is not trusted: check the host name in ${setting}, or trust its CA with NODE_EXTRA_CA_CERTS=ca.pem`;
}
