/** True for the API's `Money` shape, `{ amount: "12.4800", currency: "USD" }`: two strings. */
export function isMoney(value: unknown): value is { amount: string; currency: string } {
  const money = value as { amount?: unknown; currency?: unknown } | null;
  return typeof money?.amount === "string" && typeof money.currency === "string";
}
