import type { Probe } from "./probe.js";

/**
 * The one request before the checks: whether the target can be tested at all. Returns why
 * not (unreachable: DNS, refused, TLS; still failing after retries; the token rejected), or
 * undefined when it answered. Any other answer, even a wrong one, is for the checks to judge.
 */
export async function preflight(probe: Probe, baseUrl: string): Promise<string | undefined> {
  let status: number;
  let code: unknown;
  try {
    const ex = await probe.get("/v1/organization");
    status = ex.status;
    code = ex.body?.error?.code;
  } catch (error) {
    const stop = probe.interruption;
    if (stop?.kind === "budget") return `${stop.reason} before ${baseUrl} answered the preflight`;
    return `cannot reach ${baseUrl}: ${stop?.reason ?? (error as Error).message}`;
  }
  if (status === 401 || status === 403) {
    const named = typeof code === "string" ? ` ${code}` : "";
    return `${baseUrl} rejected the token: GET /v1/organization → ${status}${named} (check KUBEADAPT_API_TOKEN)`;
  }
  return undefined;
}
