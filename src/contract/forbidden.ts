import type { Exchange } from "./probe.js";
import type { CheckResult } from "./types.js";

/** How the skip reason of a check stopped by a documented 403 begins, naming the family. */
const LACKS = "the token lacks the scope for ";

/**
 * Thrown into a part of a check that can be left out (see `Probe.optional`) when the token
 * lacks the scope of a family it reads; its message is the reason from {@link missingScope}.
 */
export class OutOfScopeError extends Error {
  override name = "ContractOutOfScopeError" as const;
}

/** The family of a spec path: `/v1/teams/{team_id}/assignments` → `/v1/teams`. */
export const familyOf = (template: string) => template.split("/").slice(0, 3).join("/");

/** Whether `request` speaks for the token's scope: sent with the suite's own token, no `Prefer`. */
const asTheToken = (request: Request, token: string) =>
  request.headers.get("authorization") === `Bearer ${token}` && !request.headers.has("prefer");

/**
 * The families the suite's token has read in this run (a 2xx). A scope is a family's, not a
 * parameter value's: a 403 on a family the token reads is the server's answer to that request,
 * for the check to judge (a server answering a bad `limit` with 403 instead of 400 would
 * otherwise have the check skipped).
 */
export class FamiliesRead {
  private readonly families = new Set<string>();
  private readonly refused = new Set<string>();

  /** Records `ex` when it is a 2xx to the suite's own token. */
  saw(request: Request, ex: Exchange, token: string): void {
    const ok = ex.status >= 200 && ex.status < 300;
    if (ok && ex.template && asTheToken(request, token)) this.families.add(familyOf(ex.template));
  }

  /** Records that a plain read of the family of `template` did not answer 2xx. */
  refuse(template: string): void {
    this.refused.add(familyOf(template));
  }

  /**
   * Whether the token has read the family of `template` in this run (true), was refused a
   * plain read of it (false), or neither (undefined).
   */
  knows(template: string): boolean | undefined {
    const family = familyOf(template);
    return this.families.has(family) ? true : this.refused.has(family) ? false : undefined;
  }
}

/**
 * Why a check cannot go on when `ex` is the spec's documented 403 (`responses/Forbidden.yaml`:
 * the token lacks the permission scope), answered to a request sent with the suite's own token
 * and no `Prefer`: the family is not verified, which is no violation. Undefined for any other
 * answer, a 403 whose envelope failed the spec (`valid` false) or whose code is not FORBIDDEN
 * included: those are for the check to judge.
 */
export function missingScope(
  request: Request,
  ex: Exchange,
  token: string,
  valid: boolean,
): string | undefined {
  const error = ex.body?.error;
  if (ex.status !== 403 || error?.code !== "FORBIDDEN" || !valid || !ex.template) return undefined;
  if (!asTheToken(request, token)) return undefined;
  const details: unknown[] = Array.isArray(error.details) ? error.details : [];
  const said = [error.message, ...details.map((d) => (d as { message?: unknown })?.message)]
    .filter((text): text is string => typeof text === "string" && text !== "")
    .join("; ");
  const family = familyOf(ex.template);
  return `${LACKS}${family}: ${ex.label} → 403 FORBIDDEN${said ? ` (${said})` : ""}; ${family} not verified`;
}

/** Whether `check` was skipped because the token lacks the scope of a family it needs. */
export const outOfScope = (check: CheckResult): boolean =>
  check.skippedBecause?.startsWith(LACKS) === true;

/** The families the token could not read, from the skip reasons of `checks`, in order. */
export function unverifiedFamilies(checks: readonly CheckResult[]): string[] {
  const families = checks.flatMap((c) =>
    outOfScope(c) ? [(c.skippedBecause as string).slice(LACKS.length).split(":")[0]] : [],
  );
  return [...new Set(families as string[])];
}
