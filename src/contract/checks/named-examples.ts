import type { GetPath } from "../../index.js";
import { responseOf } from "../../spec/document.js";
import { namedExamples } from "../../spec/named-examples.js";
import { type CheckOutcome, type ContractCheck, prefer, skip } from "../context.js";
import { expectThat } from "../expect.js";
import { pathParamsAll } from "../families.js";
import { jsonEqual } from "../order.js";
import type { Probe } from "../probe.js";

// Any well-formed id: Prism checks the format, not existence.
const ANY_ID = "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b";

/**
 * Check 10: the target serves every documented named example for `Prefer: code, example`, and
 * each validates. A Prism mock does; a live target only through `hooks.servingNamedExamples`.
 */
export const namedExamplesServed: ContractCheck = {
  id: "named-examples",
  title: "every named example of every operation is served for Prefer: code, example and validates",
  async run({ probe, mode, hooks }) {
    if (mode === "mock") return serveEach(probe);
    if (!hooks.servingNamedExamples) {
      return skip(
        "named examples are selected with Prism's Prefer header, which a live server ignores (hook servingNamedExamples not given)",
      );
    }
    return hooks.servingNamedExamples(() => serveEach(probe));
  },
};

/** Asks for every named example with `Prefer` and expects it served as documented. */
async function serveEach(probe: Probe): Promise<CheckOutcome> {
  for (const example of namedExamples()) {
    const ex = await probe.get(
      example.path as GetPath as "/v1/organization",
      { params: { path: pathParamsAll(example.path, ANY_ID) } } as never,
      { headers: prefer(example.status, example.name) },
    );
    const what = `${example.path} ${example.status} example ${example.name}`;
    if (!expectThat(probe, ex.status === example.status, `${what}: served ${ex.status}`)) continue;
    expectThat(
      probe,
      jsonEqual(ex.body, example.value),
      `${what}: the body served is not the example`,
    );
    const headers = (responseOf(example.path, example.status)?.response.headers ?? {}) as object;
    for (const name of Object.keys(headers)) {
      expectThat(probe, ex.headers.has(name), `${what}: no ${name} header`);
    }
  }
  return undefined;
}
