import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  CursorExpiredError,
  createKubeadapt,
  InvalidCursorError,
  isBadRequestError,
  isKubeadaptError,
  type KubeadaptError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from "../../src/index.js";
import { contractTarget } from "../helpers/contract-target.js";

interface Entry {
  status: number;
  example: string;
  type: abstract new (...args: never[]) => KubeadaptError;
  code: string;
  requestId: string;
  field?: string;
  reason?: string;
  retryAfterMs?: number;
}

// The error catalog as the spec's named examples show it, and the error each must become.
const CATALOG: Entry[] = [
  {
    status: 400,
    example: "limit_out_of_range",
    type: BadRequestError,
    code: "BAD_REQUEST",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9A",
    field: "limit",
  },
  {
    status: 400,
    example: "invalid_cursor",
    type: InvalidCursorError,
    code: "INVALID_CURSOR",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9B",
  },
  {
    status: 401,
    example: "unauthorized",
    type: AuthenticationError,
    code: "UNAUTHORIZED",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9E",
  },
  {
    status: 403,
    example: "forbidden",
    type: PermissionDeniedError,
    code: "FORBIDDEN",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9F",
  },
  {
    status: 410,
    example: "expired",
    type: CursorExpiredError,
    code: "CURSOR_EXPIRED",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9F",
    reason: "expired",
  },
  {
    status: 410,
    example: "query_changed",
    type: CursorExpiredError,
    code: "CURSOR_EXPIRED",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9G",
    reason: "query_changed",
  },
  {
    status: 429,
    example: "rate_limited",
    type: RateLimitError,
    code: "RATE_LIMITED",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9K",
    retryAfterMs: 30_000,
  },
  {
    status: 500,
    example: "internal_error",
    type: ServerError,
    code: "INTERNAL_ERROR",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9M",
  },
  {
    status: 503,
    example: "service_unavailable",
    type: ServerError,
    code: "SERVICE_UNAVAILABLE",
    requestId: "req_01J5K3V0Q7Y4XR8A2B3C5D7E9N",
    retryAfterMs: 30_000,
  },
];

const ANY_ID = "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";
const prefer = (e: { status: number; example: string }) => ({
  Prefer: `code=${e.status}, example=${e.example}`,
});

/** A client of the target; no retries, so a 429 or 5xx surfaces at once. */
function client(headers?: Record<string, string>) {
  const { baseUrl, token } = contractTarget();
  return createKubeadapt({ baseUrl, token, maxRetries: 0, headers });
}

async function rejection(promise: Promise<unknown>): Promise<KubeadaptError> {
  try {
    await promise;
  } catch (error) {
    if (isKubeadaptError(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

function expectCatalogError(error: KubeadaptError, entry: Entry): void {
  expect(error).toBeInstanceOf(entry.type);
  expect(error.name).toBe(entry.type.name);
  expect(error).toMatchObject({
    status: entry.status,
    code: entry.code,
    requestId: entry.requestId,
  });
  if (entry.field) expect(error.details[0]?.field).toBe(entry.field);
  if (entry.reason) expect((error as CursorExpiredError).reason).toBe(entry.reason);
  if (entry.retryAfterMs) expect(error.retryAfterMs).toBe(entry.retryAfterMs);
}

// `Prefer` picks a documented response: only Prism understands it.
describe
  .skipIf(!contractTarget().prism)
  .concurrent("the SDK raises the typed error for each catalog entry served by Prism", () => {
    for (const entry of CATALOG) {
      it(`${entry.status} ${entry.example} → ${entry.type.name} from ka.get`, async () => {
        const error = await rejection(
          client().get("/v1/workloads", {
            params: { query: { limit: 5 } },
            headers: prefer(entry),
          }),
        );
        expectCatalogError(error, entry);
      });

      it(`${entry.status} ${entry.example} → ${entry.type.name} from ka.paginate, on page 1`, async () => {
        const walk = client(prefer(entry)).paginate("/v1/workloads", {
          params: { query: { limit: 5 } },
        });
        const error = await rejection(walk.toArray({ max: 10 }));
        expectCatalogError(error, entry);
        expect(error).toMatchObject({ page: 1, itemsYielded: 0 });
      });
    }

    it("404 not_found → NotFoundError from ka.get (by-ID path) and ka.paginate (scoped list)", async () => {
      const notFound = prefer({ status: 404, example: "not_found" });
      const fromGet = await rejection(
        client().get("/v1/clusters/{cluster_id}", {
          params: { path: { cluster_id: ANY_ID } },
          headers: notFound,
        }),
      );
      const fromWalk = await rejection(
        client(notFound)
          .paginate("/v1/clusters/{cluster_id}/workloads", {
            params: { path: { cluster_id: ANY_ID } },
          })
          .toArray({ max: 1 }),
      );
      for (const error of [fromGet, fromWalk]) {
        expect(error).toBeInstanceOf(NotFoundError);
        expect(error).toMatchObject({ name: "NotFoundError", status: 404, code: "NOT_FOUND" });
      }
    });

    it("InvalidCursorError is a BadRequestError; limit_out_of_range is no InvalidCursorError", async () => {
      const [invalid, limit] = await Promise.all(
        ["invalid_cursor", "limit_out_of_range"].map((example) =>
          rejection(client().get("/v1/workloads", { headers: prefer({ status: 400, example }) })),
        ),
      );
      expect(isBadRequestError(invalid)).toBe(true);
      expect(limit).not.toBeInstanceOf(InvalidCursorError);
    });

    // Without `token` the SDK reads KUBEADAPT_API_TOKEN: only meaningful when that is unset.
    it.skipIf(process.env.KUBEADAPT_API_TOKEN)(
      "a request without a token is AuthenticationError (Prism checks only presence)",
      async () => {
        const { baseUrl } = contractTarget();
        const anonymous = createKubeadapt({ baseUrl, token: undefined, maxRetries: 0 });
        const error = await rejection(anonymous.get("/v1/organization"));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error.status).toBe(401);
      },
    );
  });
