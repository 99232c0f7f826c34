import { type Body, type Mutant, on, onBody } from "./mutant-proxy.js";

/** Calls `edit` on every Money (`amount` and `currency`) inside `value`. */
function eachMoney(value: Body, edit: (money: Body) => void): void {
  if (Array.isArray(value)) for (const item of value) eachMoney(item, edit);
  else if (value && typeof value === "object") {
    if (typeof value.amount === "string" && typeof value.currency === "string") edit(value);
    else for (const child of Object.values(value)) eachMoney(child, edit);
  }
}

/** The workload family: the list, a cluster's workloads, a workload by id and its pods. */
const WORKLOADS = /^\/v1\/workloads|^\/v1\/clusters\/[^/]+\/workloads$/;

/**
 * Server bugs in the values a response carries, which its schema cannot see: currencies,
 * derived amounts, a resource's own fields, timestamps (the contract audit s25's false passes
 * 6-10).
 */
export const VALUE_MUTANTS: readonly Mutant[] = [
  {
    id: "currency-mixed",
    bug: "every second workload of a page has its amounts in EUR, the rest in USD (a per-row currency join)",
    catches: ["full-walks"],
    layer: on(
      WORKLOADS,
      onBody((body) => {
        if (Array.isArray(body?.data)) {
          body.data.forEach((item: Body, i: number) => {
            if (i % 2 === 1) eachMoney(item, (m) => (m.currency = "EUR"));
          });
        }
      }),
    ),
  },
  {
    id: "currency-all-workloads",
    bug: "every workload amount, in lists and by id, is in EUR while clusters and the dashboard are in USD",
    catches: ["full-walks"],
    layer: on(
      WORKLOADS,
      onBody((body) => eachMoney(body?.data, (m) => (m.currency = "EUR"))),
    ),
  },
];
