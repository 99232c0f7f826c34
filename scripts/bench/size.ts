// (4) min+gzip size of the main entry bundled with openapi-fetch, as an app bundler would ship
// it: esbuild, bundle, minify, ESM, platform neutral, then gzip (zlib level 9).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { versionDefine } from "../lib/version-define.js";
import { report } from "./stub-api.js";

async function minGzip(external: string[]): Promise<{ min: number; gzip: number }> {
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

const full = await minGzip([]);
const own = await minGzip(["openapi-fetch"]);
report({ min: full.min, gzip: full.gzip, ownMin: own.min, ownGzip: own.gzip });
