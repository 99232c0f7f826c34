/** The path both the CLI and the contract suite ask first: every token may read it. */
export const ORGANIZATION = "/v1/organization";

/**
 * The base URL a request for {@link ORGANIZATION} that was redirected to `to` suggests: its
 * origin and its path before `/v1/organization` (only its origin when it ends otherwise).
 */
export function baseBeforeOrganization(to: URL): string {
  const path = to.pathname;
  return to.origin + (path.endsWith(ORGANIZATION) ? path.slice(0, -ORGANIZATION.length) : "");
}
