import type { BrokenHttp } from "../internal/broken-http.js";
import { baseBeforeOrganization, ORGANIZATION } from "../internal/organization-path.js";
import { tlsHint } from "../internal/tls-hint.js";
import type { Probe } from "./probe.js";
import type { InterruptedError } from "./session.js";

// How the preflight's line names each way a server breaks HTTP.
const BROKEN_WORDS: Record<BrokenHttp, string> = {
  malformed: "a malformed response",
  headers: "more response headers than Node reads",
  redirects: "a redirect loop",
  "too long": "a body past the limit",
  undecodable: "a body that does not match its Content-Encoding",
};

/**
 * Why a redirect explains the answer, when the preflight's request was redirected to another
 * origin than `baseUrl`'s: fetch drops the token there (http:// to https:// always changes the
 * origin), so a 401 says nothing about the token. The final URL is shown without its query, and
 * the base URL it suggests is its part before /v1/organization.
 */
function redirectNote(baseUrl: string, to: URL | undefined, answer: string): string | undefined {
  if (!to || to.origin === new URL(baseUrl).origin) return undefined;
  const base = baseBeforeOrganization(to);
  return `${baseUrl} redirected to ${to.origin}${to.pathname}, another origin, where the token is not sent: ${answer} (if the API is there, use --base-url ${base})`;
}

/**
 * The one request before the checks: whether the target can be tested at all. Returns why
 * not (unreachable: DNS, refused, TLS; an answer in broken HTTP; still failing after retries;
 * the token rejected; no API at that URL: a 404 or an answer that is not JSON, as from a wrong
 * base URL, a login page or a catch-all web app; any of these after a redirect to another
 * origin, which is named), or undefined when it answered. Any other answer, even a wrong one,
 * is for the checks to judge.
 */
export async function preflight(probe: Probe, baseUrl: string): Promise<string | undefined> {
  let status: number;
  let code: unknown;
  let json: boolean;
  let type: string;
  let redirectedTo: URL | undefined;
  try {
    const ex = await probe.get(ORGANIZATION);
    status = ex.status;
    code = ex.body?.error?.code;
    json = ex.body !== undefined;
    type = ex.headers.get("content-type")?.split(";")[0] || "no Content-Type";
    redirectedTo = ex.redirectedTo;
  } catch (error) {
    const stop = probe.interruption;
    if (stop?.kind === "forbidden") return `${baseUrl} accepted the token, but ${stop.reason}`;
    if (stop && stop.kind !== "unavailable")
      return `${stop.reason} before ${baseUrl} answered the preflight`;
    const why = stop?.reason ?? (error as Error).message;
    // It answered, in HTTP no client can read: not a network to check, but the server.
    const broken = (error as InterruptedError).broken;
    if (broken) return `${baseUrl} answered in broken HTTP (${BROKEN_WORDS[broken]}): ${why}`;
    // A private CA (a staging deployment's) or http's port behind https://: say what to change.
    const hint = tlsHint((error as InterruptedError).code, "the base URL");
    return `cannot reach ${baseUrl}: ${why}${hint ? `; ${hint}` : ""}`;
  }
  const answer = `GET ${ORGANIZATION} → ${status}${typeof code === "string" ? ` ${code}` : ""}`;
  if (status === 401 || status === 403 || status === 404 || !json) {
    const what = json ? answer : `${answer}, ${type}, not JSON`;
    const redirected = redirectNote(baseUrl, redirectedTo, what);
    if (redirected) return redirected;
  }
  if (status === 401) {
    return `${baseUrl} rejected the token: ${answer} (check KUBEADAPT_API_TOKEN)`;
  }
  if (status === 403) {
    return `${baseUrl} refused the token access: ${answer}, a token without the scope to read the organization (check KUBEADAPT_API_TOKEN's scopes)`;
  }
  // The spec has no 404 for the organization: every check would fail the same way.
  if (status === 404 || !json) {
    const what = json ? answer : `${answer}, ${type}, not JSON`;
    const hint = /\/v1\/*$/.test(new URL(baseUrl).pathname)
      ? " (the base URL ends in /v1, which the suite adds itself: leave it out)"
      : status === 404
        ? " (check the base URL: it is the part before /v1)"
        : "";
    return `no Kubeadapt API at ${baseUrl}: ${what}${hint}`;
  }
  return undefined;
}
