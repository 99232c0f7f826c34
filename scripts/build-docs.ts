/**
 * `npm run docs`: builds the documentation site into `.docs/` (gitignored), offline: the landing
 * page, the guides (`docs/guides/*.md`), CHANGELOG.md and CONTRIBUTING.md, the HTTP API
 * reference (Redoc), the SDK reference (TypeDoc) and the bundled spec. It is what publishing
 * runs, so it exits non-zero, saying why, rather than build a site from a spec that does not
 * lint or bundle, a stale `generated/`, undocumented exports or broken links (see
 * scripts/docs/build-site.ts). `npm run test:browser` then checks the site in Chromium.
 * Usage: tsx scripts/build-docs.ts [--spec openapi] [--generated generated] [--out .docs]
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildSite } from "./docs/build-site.js";

const started = Date.now();
try {
  const { values } = parseArgs({
    options: {
      spec: { type: "string" },
      generated: { type: "string" },
      out: { type: "string" },
    },
    strict: true,
  });
  const site = await buildSite({
    ...(values.spec ? { specDir: resolve(values.spec) } : {}),
    ...(values.generated ? { generatedDir: resolve(values.generated) } : {}),
    ...(values.out ? { siteDir: resolve(values.out) } : {}),
  });
  console.log(
    `docs: ${site.guides} guides, API reference (${site.spec.title} ${site.spec.version}, ` +
      `${site.operations} operations), SDK reference ` +
      `(${site.sdkModules.map((mod) => mod.specifier).join(", ")}), links of ` +
      `${site.checkedPages} pages checked, in ${site.siteDir} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
} catch (error) {
  console.error(`docs failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
