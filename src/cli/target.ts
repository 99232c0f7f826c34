import type { Writable } from "node:stream";
import {
  createKubeadapt,
  type FetchLike,
  type Kubeadapt,
  type KubeadaptError,
  type KubeadaptOptions,
} from "../index.js";
import { createFakeKubeadapt } from "../testing/index.js";
import { tapJsonBodies } from "./body-tap.js";
import { type CommandFetch, commandFetch } from "./command-fetch.js";
import { findInexactNumbers, type InexactNumbers } from "./inexact-numbers.js";
import { redirectedBase } from "./redirected-base.js";
import { sdkLogLevel, stderrLogger } from "./sdk-log.js";
import { UsageError } from "./usage-error.js";

/** The API a command talks to. */
export interface Target {
  ka: Kubeadapt;
  /** Why the embedded demo API is used (a line for stderr); undefined for a real API. */
  demo: string | undefined;
  /** The numbers of its answers that JSON parsing changed, for a note. */
  numbers: InexactNumbers;
  /** The text of the last JSON body it answered with (a walk's last page, once it ended). */
  lastBody(): string | undefined;
  /** How many 2xx bodies it answered with: a walk's pages, the empty ones the SDK skips too. */
  answered(): number;
  /**
   * Where its base URL redirects to, when another origin (see {@link redirectedBase}): asked
   * after a 401 or 403, which the token dropped on such a redirect explains. The demo: never.
   */
  redirectedTo(signal: AbortSignal): Promise<string | undefined>;
  /** Lets go of its connections (see {@link CommandFetch}): call it when done. */
  close(): Promise<void>;
}

/** Where to find the API: flags first, then the environment. */
export interface TargetChoice {
  baseUrl: string | undefined;
  demo: boolean;
  /** `--allow-insecure-http`: plain http:// to a non-loopback host. */
  allowInsecureHttp?: boolean;
  /** `--timeout`: seconds one attempt may take (else the SDK's default). */
  timeout?: number | undefined;
  env: Record<string, string | undefined>;
  /** Where the SDK's log lines go (never stdout, which holds the data). */
  stderr: Writable;
}

/**
 * The real API when a token or base URL is given, else (or with --demo) the embedded demo API:
 * a seeded fake served in-process, so the CLI works with no account and no network.
 * @throws UsageError when the base URL, the token or `KUBEADAPT_LOG` cannot be used (said in
 * the CLI's terms), or `KUBEADAPT_API_TOKEN` is set but empty (no demo then, unless `--demo`)
 */
export function chooseTarget({
  baseUrl,
  demo,
  allowInsecureHttp,
  timeout,
  env,
  stderr,
}: TargetChoice): Target {
  // A CI secret that did not expand sets the variable to "": answering from the demo then would
  // pass its made-up costs off as the account's, with exit 0.
  if (env.KUBEADAPT_API_TOKEN === "" && !demo) {
    throw new UsageError(
      "KUBEADAPT_API_TOKEN is set but empty (a secret that did not expand?): set it to an API token; for the embedded demo API, unset it or give --demo",
    );
  }
  const token = env.KUBEADAPT_API_TOKEN || undefined;
  const log = { logLevel: sdkLogLevel(env), logger: stderrLogger(stderr) };
  const numbers = findInexactNumbers();
  let last: string | undefined;
  let answers = 0;
  // One look at each body, before the SDK parses it: a reference is kept, nothing is parsed.
  const tap = (fetch: FetchLike) =>
    tapJsonBodies(fetch, (text) => {
      numbers.look(text);
      last = text;
      answers++;
    });
  const lastBody = () => last;
  const answered = () => answers;
  const url = baseUrl ?? (env.KUBEADAPT_BASE_URL || undefined);
  if (demo || (token === undefined && url === undefined)) {
    // A fixed cursor key: the demo's data are seeded, so a cursor printed by one run (to
    // resume, or for the next page) is valid in the next run too.
    const fake = createFakeKubeadapt({ secret: "kubeadapt-cli-demo" });
    const ignored = [token && "KUBEADAPT_API_TOKEN", url && "the base URL"].filter(Boolean);
    const why = demo
      ? `--demo${ignored.length > 0 ? `: ${ignored.join(" and ")} not used` : ""}`
      : "no KUBEADAPT_API_TOKEN and no --base-url or KUBEADAPT_BASE_URL";
    return {
      ka: createKubeadapt({
        token: "demo",
        baseUrl: fake.baseUrl,
        fetch: tap(fake.fetch),
        ...log,
      }),
      demo: `using the embedded demo API (${why})`,
      numbers,
      lastBody,
      answered,
      redirectedTo: async () => undefined,
      close: async () => {},
    };
  }
  const source = baseUrl === undefined ? "KUBEADAPT_BASE_URL" : "--base-url";
  const options = {
    token,
    baseUrl: url,
    allowInsecureHttp,
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    ...log,
  };
  const sender = commandFetch(env);
  const fetch = tap(sender);
  const close = () => sender.close();
  try {
    return {
      ka: createKubeadapt({ ...options, fetch }),
      demo: undefined,
      numbers,
      lastBody,
      answered,
      // Not tapped: the probe is no answer of the command's. The default API's URL is ours.
      redirectedTo: async (signal) =>
        url === undefined ? undefined : redirectedBase(sender, url, signal),
      close,
    };
  } catch (error) {
    // Only the URL and the token come from the user here; an option the SDK names (a field)
    // is the CLI's own mistake, not to be dressed up as theirs.
    const field = (error as KubeadaptError).details?.find((d) => d.field)?.field;
    if (field !== undefined && !USER_FIELDS.includes(field)) throw error;
    throw new UsageError(refusal(options, source));
  }
}

// The options that hold what the user gave: the token, the URL and --allow-insecure-http.
const USER_FIELDS = ["token", "baseUrl", "allowInsecureHttp"];

// The SDK's messages name its options (`allowInsecureHttp`, `token`): find which input it
// refused by retrying with the others made harmless, and say it with the CLI's flags.
function refusal(options: KubeadaptOptions, source: string): string {
  const refused = (changes: KubeadaptOptions) => {
    try {
      createKubeadapt({ ...options, ...changes });
      return false;
    } catch {
      return true;
    }
  };
  const harmlessToken = { token: "checked-separately" };
  if (refused({ ...harmlessToken, allowInsecureHttp: true })) {
    return `${source} must be an absolute URL like https://api.example.com/ without credentials, query or fragment (the token goes in KUBEADAPT_API_TOKEN)`;
  }
  if (refused(harmlessToken)) {
    const host = new URL(options.baseUrl as string).host;
    return `${source} is plain http:// to ${host}: the token would travel unencrypted; use https://, or add --allow-insecure-http to accept that`;
  }
  return "KUBEADAPT_API_TOKEN must be printable ASCII without spaces (check for a trailing newline)";
}
