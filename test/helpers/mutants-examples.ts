import { type Mutant, onBody, onRequest } from "./mutant-proxy.js";

/** Whether a request selects a named example with Prism's `Prefer: code=…, example=…`. */
const selectsExample = (request: Request) => /example=/.test(request.headers.get("prefer") ?? "");

/** Server bugs in serving the spec's named examples (a target that honours `Prefer`). */
export const EXAMPLE_MUTANTS: readonly Mutant[] = [
  {
    id: "example-body-rewritten",
    bug: "under Prefer, the named example is served with a message of the server's own",
    catches: ["named-examples"],
    layer: onBody((body, { request }) => {
      if (selectsExample(request) && body?.error) body.error.message = "something went wrong";
    }),
  },
  {
    id: "example-name-ignored",
    bug: "Prefer's example= is ignored: the first example of the status is served",
    catches: ["named-examples"],
    layer: onRequest((_, headers) => {
      const prefer = headers.get("prefer");
      if (prefer) headers.set("prefer", prefer.replace(/,\s*example=[^,;]*/, ""));
    }),
  },
  {
    id: "example-status-200",
    bug: "under Prefer, an error example is served with status 200",
    catches: ["named-examples"],
    layer: onBody((_, { request, status }) =>
      selectsExample(request) && status >= 400 ? { status: 200 } : undefined,
    ),
  },
];
