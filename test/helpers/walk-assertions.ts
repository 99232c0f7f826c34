// Helpers the walk tests share: what a walk yielded, and how it failed.
import type { StubBody, StubItem } from "./page-server.js";

/** The `id` of each item, in order. */
export const ids = (items: readonly unknown[]) => (items as { id: string }[]).map((i) => i.id);

/** Every value an async iterable yields, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

/** The error `run` rejects with; fails the test when it does not reject. */
export async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the walk to fail");
}

/** A cursor page body: `data`, and `meta.pagination` when given (else a bare `meta`). */
export const page = (data: StubItem[], pagination: Record<string, unknown> | undefined) =>
  ({ data, meta: pagination ? { pagination } : {} }) as StubBody;
