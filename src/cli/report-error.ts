import {
  isAbortError,
  isAuthenticationError,
  isBadRequestError,
  isConnectionError,
  isCursorExpiredError,
  isInvalidCursorError,
  isKubeadaptError,
  isNotFoundError,
  isPaginationLimitError,
  isPermissionDeniedError,
  isProtocolError,
  isRateLimitError,
  isServerError,
  isTimeoutError,
  type KubeadaptError,
} from "../index.js";
import { type BrokenHttp, brokenHttp } from "../internal/broken-http.js";
import { networkCause } from "../internal/network-cause.js";
import { tlsHint } from "../internal/tls-hint.js";
import { EXIT_CODES } from "./exit-codes.js";
import { isDataShapeError, isNotAnItemError } from "./item-objects.js";
import { proxyAnswerIn } from "./proxy-refusal.js";
import { UsageError } from "./usage-error.js";
import { visible } from "./visible.js";

// Page-size fields and the flag that sets them.
const PAGE_SIZE: Record<string, string> = { limit: "--limit", per_page: "--limit" };

function badRequestHint(e: KubeadaptError): string {
  const field = e.details.find((d) => d.field)?.field;
  if (field === undefined)
    return "the server refused the request as sent: check the path and each --query value";
  if (PAGE_SIZE[field]) return `${PAGE_SIZE[field]} takes 1..500`;
  return `check --query ${field}=… (kubeadapt paths lists what each parameter takes)`;
}

// A ConnectionError's own message is ours: the network's reason is in its cause chain.
function rootCause(error: unknown): { code?: string; message: string } | undefined {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? networkCause(cause) : undefined;
}

/** What the hints call the setting that gave the base URL: `--base-url` or `KUBEADAPT_BASE_URL`. */
export type UrlSetting = "--base-url" | "KUBEADAPT_BASE_URL";

function connectionHint(e: KubeadaptError, setting: UrlSetting): string {
  const code = rootCause(e)?.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return `the host name does not resolve: check ${setting} and DNS`;
  }
  if (code === "ECONNREFUSED")
    return `nothing listens there: check the host and port of ${setting}`;
  return tlsHint(code, setting) ?? `could not reach the server: check ${setting} and the network`;
}

// The proxy answered, not the API: the place to look is the variable that named it.
const proxyHint = (variable: string | undefined) =>
  `the proxy that ${variable} names did not open the tunnel: check ${variable}, or add the API's host to NO_PROXY to go direct`;

// The server answered: the network is not the place to look, and a retry gets the same answer.
const BROKEN_HTTP_HINTS: Record<BrokenHttp, (setting: UrlSetting) => string> = {
  malformed: (setting) =>
    `the server answered with a malformed HTTP response: check that ${setting} is the API (not another service's port), or report it to the API's operators`,
  headers: () =>
    "the server sent more response headers than Node reads (16 KiB): report it to the API's operators",
  redirects: (setting) =>
    `the server redirects in a loop (more than 20 redirects): check ${setting}, or report it to the API's operators`,
  "too long": () =>
    "the response body passed the 64 MiB the command reads (a server that streams without end?): report it to the API's operators",
  undecodable: () =>
    "the server's compressed body does not match its Content-Encoding: report it to the API's operators",
};

// fetch drops the token on a redirect to another origin: the refusal is the redirect's doing.
function redirectHint(to: string, setting: UrlSetting): string {
  const use = setting === "--base-url" ? `--base-url ${to}` : `KUBEADAPT_BASE_URL=${to}`;
  return `the base URL redirects to ${new URL(to).origin}, another origin, where the token is not sent (the refusal says nothing about the token): if the API is there, use ${use}`;
}

// A path with no id that the spec has cannot be missing from the API: the URL before it is.
function notFoundHint(
  _: KubeadaptError,
  template: string | undefined,
  setting: UrlSetting,
): string {
  return template !== undefined && !template.includes("{")
    ? `GET ${template} is a path of the /v1 API: check that ${setting} is the API's root`
    : "check the id in the path (list the ids with kubeadapt get on the list path)";
}

// Not the /v1 envelope: a gateway or auth proxy in front of the API answered (an empty 401 from
// oauth2-proxy, a bare 404 from a load balancer), and its status still says where to look.
function protocolHint(e: KubeadaptError, _: string | undefined, setting: UrlSetting): string {
  if (e.status === 401) {
    return "the token was rejected (by the server or a proxy in front of it): set KUBEADAPT_API_TOKEN to a valid API token";
  }
  if (e.status === 404) {
    return `no API answers there: check that ${setting} is the API's root (the part before /v1)`;
  }
  return `the server's response was not the /v1 envelope: is ${setting} the API?`;
}

// What to do next, by error class; the first guard that matches wins (subclasses first).
type Hint = (e: KubeadaptError, template: string | undefined, setting: UrlSetting) => string;
const HINTS: [(e: unknown) => boolean, Hint][] = [
  [
    isCursorExpiredError,
    () => "the cursor expired or the query changed: restart the walk without --query cursor=…",
  ],
  [
    isInvalidCursorError,
    () => "the cursor was modified: restart the walk without --query cursor=…",
  ],
  [isBadRequestError, badRequestHint],
  [isAuthenticationError, () => "set KUBEADAPT_API_TOKEN to a valid API token"],
  [
    isPermissionDeniedError,
    () => "the token in KUBEADAPT_API_TOKEN lacks the scope this path needs",
  ],
  [isNotFoundError, notFoundHint],
  [
    isRateLimitError,
    // Without Retry-After the server named no time: "in 0 s" would invite an instant retry.
    (e) =>
      `rate limited: try again ${e.retryAfterMs === undefined ? "later" : `in ${waitText(e.retryAfterMs)}`}`,
  ],
  [
    isServerError,
    () =>
      "the server failed: try again later, and if it keeps failing, report the request id to the API's operators",
  ],
  [(e) => proxyAnswerIn(e) !== undefined, (e) => proxyHint(proxyAnswerIn(e)?.variable)],
  [
    isConnectionError,
    (e, _, setting) => {
      const broken = brokenHttp(e);
      return broken ? BROKEN_HTTP_HINTS[broken](setting) : connectionHint(e, setting);
    },
  ],
  [
    isTimeoutError,
    () => "the server did not answer in time: try again later, or allow it longer with --timeout",
  ],
  [
    isNotAnItemError,
    () => "the server's list breaks the spec (its items are objects): report it to its maintainers",
  ],
  [isDataShapeError, () => "the server's answer breaks the spec: report it to its maintainers"],
  [isProtocolError, protocolHint],
  [isPaginationLimitError, () => "narrow the query with --query, or resume with the command above"],
];

/**
 * A wait as people read it, rounded up: seconds up to two minutes, then minutes, hours, days (a
 * Retry-After date far ahead said "try again in 251606314308 s"), and past a year (a Retry-After
 * of 20 digits said "1157407407407408 days", one that reads as Infinity "Infinity days") only
 * that it is more than a year.
 */
function waitText(ms: number): string {
  const within = (limit: number, size: number, unit: string) =>
    ms <= limit ? `${Math.ceil(ms / size)} ${unit}` : undefined;
  return (
    within(120_000, 1_000, "s") ??
    within(7_200_000, 60_000, "min") ??
    within(172_800_000, 3_600_000, "h") ??
    within(365 * 86_400_000, 86_400_000, "days") ??
    "more than a year"
  );
}

// Why the output could not be written, for the errors a file's writes end in.
const OUTPUT_HINTS: Record<string, string> = {
  ENOSPC: "the disk the output goes to is full: free some space, or write elsewhere",
  EDQUOT: "the disk quota of the output's owner is used up: free some space, or write elsewhere",
  EFBIG: "the output passed the largest file this process may write (ulimit -f)",
};

/**
 * The exit code for a failure: 2 usage, 3 cannot connect, 130 interrupted, 1 anything else. A
 * `ConnectionError` from a server that answered but broke HTTP (see {@link brokenHttp}) is 1:
 * the server broke the protocol, it was reached.
 */
export function exitCodeOf(error: unknown, interrupted = false): number {
  if (error instanceof UsageError) return EXIT_CODES.usage;
  if (interrupted && isAbortError(error)) return EXIT_CODES.interrupted;
  if (isConnectionError(error) && brokenHttp(error)) return EXIT_CODES.api;
  if (isConnectionError(error) || isTimeoutError(error)) return EXIT_CODES.connect;
  return EXIT_CODES.api;
}

/**
 * The lines printed for a failed command: code, status, message, request id, the network cause,
 * where a walk stopped and the command that resumes it, and a hint. Never includes the token:
 * SDK errors are already redacted.
 * @param context.resume - the command line that resumes the walk, when it can be resumed
 * @param context.template - the spec's template of the path asked for, when known (for the hint)
 * @param context.setting - where the base URL came from, as the hints name it
 * @param context.redirectedTo - the base URL's redirect to another origin, where the token is
 * not sent: a 401 or 403 is then hinted at the redirect, not the token
 * @default context.setting "--base-url"
 */
export function describeError(
  error: unknown,
  {
    resume,
    template,
    setting = "--base-url",
    redirectedTo,
  }: { resume?: string; template?: string; setting?: UrlSetting; redirectedTo?: string } = {},
): string {
  if (!isKubeadaptError(error)) {
    // Not the API's: the output failed mid-walk (a full disk), and the walk can go on.
    const text = `error: ${visible(error instanceof Error ? error.message : String(error))}\n`;
    const hint = OUTPUT_HINTS[(error as { code?: string } | null)?.code ?? ""];
    return `${text}${resume ? `  resume with: ${resume}\n` : ""}${hint ? `  hint: ${hint}\n` : ""}`;
  }
  const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
  // The SDK's text names its own option (`maxPages`); the CLI has no flag for it.
  const message = isPaginationLimitError(error as unknown)
    ? "the walk reached the page cap (10 000 pages) with more to come"
    : error.message;
  // The code, message, request id and cause come from the server or the network: each is shown
  // as plain text on its line, never run by the terminal. The resume command is ours, quoted.
  const lines = [`error: ${visible(`${error.code ?? error.name}${status}: ${message}`)}`];
  if (error.requestId) lines.push(`  request id: ${visible(error.requestId)}`);
  const cause = isConnectionError(error) ? rootCause(error) : undefined;
  if (cause)
    lines.push(`  cause: ${visible(`${cause.code ? `${cause.code}: ` : ""}${cause.message}`)}`);
  if (error.page !== undefined) {
    lines.push(`  stopped at page ${error.page} after ${error.itemsYielded ?? 0} items`);
  }
  // A fresh walk, not a resume, is the way out of a bad or expired cursor.
  const stale = isCursorExpiredError(error) || isInvalidCursorError(error);
  if (resume && !stale) lines.push(`  resume with: ${resume}`);
  const hint = HINTS.find(([matches]) => matches(error));
  const refused = isAuthenticationError(error) || isPermissionDeniedError(error);
  if (redirectedTo !== undefined && refused) {
    lines.push(`  hint: ${redirectHint(redirectedTo, setting)}`);
  } else if (hint) lines.push(`  hint: ${hint[1](error, template, setting)}`);
  return `${lines.join("\n")}\n`;
}
