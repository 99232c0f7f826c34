import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { Application, LogLevel, OptionDefaults, ReflectionKind } from "typedoc";
import { repoRoot } from "../lib/exec.js";
import { type PublicEntry, publicEntries } from "./entries.js";

/** One import path's page in the SDK reference. */
export interface SdkModule {
  specifier: string;
  /** Relative to the SDK reference's folder. */
  href: string;
}

/**
 * The module name TypeDoc gives an entry point: its folder under `src/` (the common base of
 * the entries), or `index` for `src/index.ts`.
 */
function typedocName(entry: PublicEntry): string {
  const dir = relative("src", join(entry.file, ".."));
  return dir === "" ? "index" : dir;
}

/**
 * Writes the SDK reference into `outDir` with TypeDoc, from the JSDoc of every public entry
 * (one module per import path, named as users import it). Any TypeDoc warning fails the build,
 * so a broken `{@link}` or an exported symbol that names an unexported type cannot ship.
 * @returns each import path documented, with its page relative to `outDir`
 */
export async function buildSdkReference(outDir: string): Promise<SdkModule[]> {
  const entries = publicEntries();
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((entry) => join(repoRoot, entry.file)),
    tsconfig: join(repoRoot, "tsconfig.json"),
    name: "kubeadapt SDK reference",
    readme: "none",
    disableSources: true,
    disableGit: true,
    excludePrivate: true,
    excludeInternal: true,
    treatWarningsAsErrors: true,
    logLevel: LogLevel.Warn,
    // openapi-typescript writes these two tags into generated/schema.ts.
    blockTags: [...OptionDefaults.blockTags, "@constant", "@description"],
    // Offline and self-contained: no favicon, hosted search or analytics.
    hideGenerator: true,
    githubPages: false,
  });
  const project = await app.convert();
  if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) {
    throw new Error("TypeDoc could not document the public entries (see its messages above)");
  }
  for (const entry of entries) {
    const module = project.children?.find(
      (child) => child.kindOf(ReflectionKind.Module) && child.name === typedocName(entry),
    );
    if (module) module.name = entry.specifier;
  }
  await app.generateDocs(project, outDir);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    throw new Error("TypeDoc could not render the SDK reference (see its messages above)");
  }
  return entries.map((entry) => {
    // TypeDoc's file name for a module: its name with "/" made "_".
    const href = `modules/${entry.specifier.replaceAll("/", "_")}.html`;
    if (!existsSync(join(outDir, href))) throw new Error(`TypeDoc wrote no ${href}`);
    return { specifier: entry.specifier, href };
  });
}
