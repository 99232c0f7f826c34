import { type ContractCheck, unknownId, unknownToken } from "../context.js";
import { expectUnauthorized } from "../expect.js";

/** `Authorization` values that are not `Bearer <token>` (fetch trims trailing spaces). */
const MALFORMED = ["Bearer", "Bearer  ", "Basic abc", "bearer", "Token abc"];
/** Malformed only in the token part, which Prism does not read. */
const MALFORMED_TOKEN = "Bearer a b";

/** Tokens no server issued: an API-key-shaped one and a bare UUID, both fresh and random. */
function unknownTokens(): string[] {
  return [unknownToken(), unknownId()];
}

/** Check: a missing, malformed or unknown token is 401 with the error envelope. */
export const authTokens: ContractCheck = {
  id: "auth-tokens",
  title:
    "a missing, a malformed (Bearer with no token, Basic, another scheme) and an unknown token each get 401 UNAUTHORIZED",
  async run({ probe, mode }) {
    const headers: (string | undefined)[] = [undefined, ...MALFORMED];
    if (mode === "mock") probe.note("token values not checked: Prism accepts any Bearer token");
    else headers.push(MALFORMED_TOKEN, ...unknownTokens().map((t) => `Bearer ${t}`));
    const paths = ["/v1/workloads", "/v1/organization"] as const;
    for (const authorization of headers) {
      const sent =
        authorization === undefined
          ? "no Authorization"
          : `Authorization ${JSON.stringify(authorization)}`;
      for (const path of paths) {
        const ex = await probe.get(path, undefined, {
          anonymous: true,
          headers: authorization === undefined ? {} : { Authorization: authorization },
        });
        expectUnauthorized(probe, ex, sent);
      }
    }
    return undefined;
  },
};
