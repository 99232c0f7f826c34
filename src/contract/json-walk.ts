/**
 * Calls `visit` on every object inside `value` (arrays and objects, depth first), with where it
 * is (`data[1].cost`). Bodies are validated against the spec before this runs, so a visitor
 * reads shapes it recognises and ignores the rest.
 */
export function eachObject(
  value: unknown,
  visit: (object: Record<string, unknown>, at: string) => void,
  at = "data",
): void {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) eachObject(item, visit, `${at}[${i}]`);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const object = value as Record<string, unknown>;
  visit(object, at);
  for (const [key, child] of Object.entries(object)) eachObject(child, visit, `${at}.${key}`);
}
