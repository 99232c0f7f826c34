import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import {
  Application,
  ConsoleLogger,
  Converter,
  LogLevel,
  OptionDefaults,
  ReflectionKind,
} from "typedoc";
import { repoRoot } from "../lib/exec.js";
import { type PublicEntry, publicEntries } from "./entries.js";
import { exportsIn } from "./public-exports.js";

/** One import path's page in the SDK reference. */
export interface SdkModule {
  specifier: string;
  /** Relative to the SDK reference's folder. */
  href: string;
}

/** Options of {@link buildSdkReference}, for tests; the defaults document this repository. */
export interface SdkReferenceOptions {
  /** The project root, with its `tsconfig.json`. @default the repo root */
  root?: string;
  /** The entries to document. @default publicEntries(root) */
  entries?: readonly PublicEntry[];
  /**
   * Types that exports refer to but the package does not export (TypeDoc warns about them).
   * @default the generated spec types, `paths`, `components` and `Schemas`
   */
  intentionallyNotExported?: string[];
}

/** TypeDoc's console logger, also keeping each warning and error for the exception. */
class RecordingLogger extends ConsoleLogger {
  readonly problems: string[] = [];
  override log(message: string, level: Exclude<LogLevel, LogLevel.None>): void {
    super.log(message, level);
    if (level >= LogLevel.Warn) this.problems.push(message);
  }
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
 * so an export without JSDoc, a broken `{@link}` or an export that names an unexported type
 * cannot ship.
 * @returns each import path documented, with its page relative to `outDir`
 */
export async function buildSdkReference(
  outDir: string,
  options: SdkReferenceOptions = {},
): Promise<SdkModule[]> {
  const {
    root = repoRoot,
    entries = publicEntries(root),
    // The generated spec types (`paths`, `components`) and the `Schemas` alias over them are
    // not exports of the package: their content is the HTTP API reference.
    intentionallyNotExported = ["paths", "components", "Schemas"],
  } = options;
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((entry) => join(root, entry.file)),
    tsconfig: join(root, "tsconfig.json"),
    name: "kubeadapt SDK reference",
    readme: "none",
    disableSources: true,
    disableGit: true,
    excludePrivate: true,
    excludeInternal: true,
    treatWarningsAsErrors: true,
    validation: { notExported: true, invalidLink: true, notDocumented: true },
    // Every exported declaration needs JSDoc. Members are not required to have their own:
    // the spec's generated types (fields of FakeDataset, GetData, ...) are documented by the
    // HTTP API reference, where their descriptions come from.
    requiredToBeDocumented: ["Class", "Interface", "TypeAlias", "Function", "Variable", "Enum"],
    intentionallyNotExported,
    logLevel: LogLevel.Warn,
    // openapi-typescript writes these two tags into generated/schema.ts.
    blockTags: [...OptionDefaults.blockTags, "@constant", "@description"],
    // Offline and self-contained: no favicon, hosted search or analytics.
    hideGenerator: true,
    githubPages: false,
  });
  const logger = new RecordingLogger();
  logger.level = LogLevel.Warn;
  app.logger = logger;
  // What each entry exports, read from TypeDoc's own program (a second one costs seconds).
  let exported = new Map<string, string[]>();
  app.converter.on(Converter.EVENT_BEGIN, (context) => {
    exported = exportsIn(context.programs, entries, root);
  });
  const project = await app.convert();
  if (project) app.validate(project);
  if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) {
    throw new Error(
      `TypeDoc could not document the public entries:\n${logger.problems.join("\n")}`,
    );
  }
  // TypeDoc drops some exports without a warning (an `@internal` or `@hidden` tag, a
  // re-export it cannot follow): every name each entry exports must have its reflection.
  const missing: string[] = [];
  for (const entry of entries) {
    const module = project.children?.find(
      (child) => child.kindOf(ReflectionKind.Module) && child.name === typedocName(entry),
    );
    if (!module) {
      missing.push(`${entry.specifier}: the whole entry (${entry.file})`);
      continue;
    }
    module.name = entry.specifier;
    const documented = new Set(module.children?.map((child) => child.name));
    const absent = (exported.get(entry.specifier) ?? []).filter((name) => !documented.has(name));
    if (absent.length > 0) missing.push(`${entry.specifier}: ${absent.join(", ")}`);
  }
  if (missing.length > 0) {
    throw new Error(
      `the SDK reference would leave out public exports (remove @internal/@hidden from them, ` +
        `or stop exporting them):\n  ${missing.join("\n  ")}`,
    );
  }
  await app.generateDocs(project, outDir);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) {
    throw new Error(`TypeDoc could not render the SDK reference:\n${logger.problems.join("\n")}`);
  }
  return entries.map((entry) => {
    // TypeDoc's file name for a module: its name with "/" made "_".
    const href = `modules/${entry.specifier.replaceAll("/", "_")}.html`;
    if (!existsSync(join(outDir, href))) throw new Error(`TypeDoc wrote no ${href}`);
    return { specifier: entry.specifier, href };
  });
}
