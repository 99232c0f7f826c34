// Replaced by package.json's version when built (tsup's `define`) and under vitest (its
// `define`); source run any other way (tsx) has none.
declare const __KUBEADAPT_VERSION__: string | undefined;

/** This package's version, from package.json at build time. */
export const VERSION: string =
  typeof __KUBEADAPT_VERSION__ === "string" ? __KUBEADAPT_VERSION__ : "0.0.0-dev";

/**
 * The `User-Agent` this client sends, `kubeadapt-js/<version> <runtime>/<version>`, in Node, Bun
 * and Deno; undefined in browsers, which do not let a page set it (and would preflight every
 * request for it).
 */
export const userAgent = (): string | undefined => {
  const { Bun, Deno, process } = globalThis as {
    Bun?: { version: string };
    Deno?: { version: { deno: string } };
    process?: { versions?: { node?: string } };
  };
  const node = process?.versions?.node;
  // Bun and Deno also have `process.versions.node`: they are asked first.
  const runtime = Bun
    ? `bun/${Bun.version}`
    : Deno
      ? `deno/${Deno.version.deno}`
      : node && `node/${node}`;
  return runtime ? `kubeadapt-js/${VERSION} ${runtime}` : undefined;
};
