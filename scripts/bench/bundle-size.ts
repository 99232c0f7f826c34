// The main entry's size as an app bundler would ship it, and the budget it must fit: shared by
// `npm run bench` (which reports it) and a unit test (which fails `npm test` past the budget).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { versionDefine } from "../lib/version-define.js";

/** The most the main entry with openapi-fetch may weigh, min+gzip: 9 KB. */
export const SIZE_BUDGET_BYTES = 9 * 1024;

/** Bytes of a bundle, minified and then gzipped (zlib level 9). */
export interface BundleSize {
  min: number;
  gzip: number;
}

/**
 * `src/index.ts` bundled (esbuild, ESM, platform neutral, es2022), minified and gzipped, with
 * the packages in `external` left out (`["openapi-fetch"]` gives the SDK's own share).
 * @default external []
 */
export async function mainEntrySize(external: string[] = []): Promise<BundleSize> {
  const result = await build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external,
    write: false,
    logLevel: "silent",
    define: versionDefine,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** What is wrong with a measured size: a gzip over the budget (undefined when within). */
export function overBudget(size: BundleSize, budget = SIZE_BUDGET_BYTES): string | undefined {
  return size.gzip <= budget
    ? undefined
    : `the main entry is ${size.gzip} B min+gzip, ${size.gzip - budget} B over its ${budget} B budget`;
}
