import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

/**
 * The `define` (tsup, vitest, esbuild) that gives the SDK package.json's version, which its
 * User-Agent names (src/internal/user-agent.ts). Run from the repository's root.
 */
export const versionDefine = { __KUBEADAPT_VERSION__: JSON.stringify(version) };
