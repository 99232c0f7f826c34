import { existsSync, readFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

// The SDK's User-Agent names package.json's version (vitest and the benches define it alike,
// from scripts/lib/version-define.ts, which a packed build's copy of the repo does not hold).
const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const define = { __KUBEADAPT_VERSION__: JSON.stringify(version) };

// The library entries: ESM (`.js`, the package is "type": "module") and CJS (`.cjs`), each with
// its own declarations (`.d.ts`, `.d.cts`). Dependencies (openapi-fetch) stay external.
const library: Options = {
  entry: {
    index: "src/index.ts",
    ...(existsSync("src/testing/index.ts") ? { "testing/index": "src/testing/index.ts" } : {}),
    "money/index": "src/money/index.ts",
    // Node-only (undici), opt-in: nothing the main entry imports.
    "node/index": "src/node/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  // Plain ES2022: no Node-only syntax or helpers, so the main entry runs on Node, Deno, Bun and
  // in browsers; native private fields keep the output small.
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  clean: false,
  treeshake: true,
  splitting: false,
  // Keep `node:` on builtins (the fake's `node:http`), which Deno needs; platform "neutral"
  // does not know them, so they are declared external.
  removeNodeProtocol: false,
  external: [/^node:/],
  define,
};

// `kubeadapt/contract`: the contract suite as a library, for Node. Ajv and ajv-formats (and the
// bundled spec) are bundled into it, so the package's `dependencies` stay openapi-fetch and undici
// and an app that never imports the suite never installs a validator.
const contract: Options = {
  entry: { "contract/index": "src/contract/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  target: "node20",
  platform: "node",
  noExternal: ["ajv", "ajv-formats"],
  sourcemap: false,
  clean: false,
  splitting: false,
  treeshake: true,
  removeNodeProtocol: false,
};

// The CLI (package `bin`), once it exists: one ESM file for Node with ajv, ajv-formats,
// csv-stringify and the bundled spec inside it, so the package's `dependencies` stay openapi-fetch and undici.
const cliEntry = ["src/cli/main.ts", "src/cli/index.ts"].find((file) => existsSync(file));
const cli: Options | undefined = cliEntry && {
  entry: { "cli/main": cliEntry },
  format: ["esm"],
  dts: false,
  target: "node20",
  platform: "node",
  noExternal: ["ajv", "ajv-formats", "csv-stringify"],
  // esbuild keeps the entry's own hashbang; add one only if it has none.
  ...(readFileSync(cliEntry, "utf8").startsWith("#!")
    ? {}
    : { banner: { js: "#!/usr/bin/env node" } }),
  sourcemap: false,
  clean: false,
  splitting: false,
  removeNodeProtocol: false,
  define,
};

export default defineConfig(cli ? [library, contract, cli] : [library, contract]);
