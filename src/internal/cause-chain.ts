/**
 * An error and its causes, outermost first: Node's fetch wraps a socket's error as
 * `TypeError: fetch failed`, and the client wraps that again. At most 8 deep, so a cycle of
 * causes ends.
 */
export function causeChain(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let node = error; node instanceof Error && chain.length < 8; node = node.cause) {
    chain.push(node);
  }
  return chain;
}
