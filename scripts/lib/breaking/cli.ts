import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../exec.js";
import { bundleCurrent } from "./bundle-current.js";
import { compareSpecs } from "./compare.js";
import { parseSpec, readSpec, type Spec, SpecInputError } from "./document.js";
import { releaseGate } from "./gate.js";
import { countGroups, formatReport, groupChanges } from "./report.js";
import { latestSnapshot } from "./snapshots.js";

/** Where the CLI writes: stdout and stderr by default, captured in tests. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `usage: check-breaking [--root DIR]   compare openapi/ with the last release snapshot
       check-breaking OLD NEW          compare two bundled specs (JSON or YAML)
exit 0: no breaking change (or allowed by a raised major), 1: breaking, 2: usage or input error`;

/**
 * `npm run check:breaking`: with `OLD NEW`, exits 1 when NEW breaks clients of OLD; with no
 * files, compares `<root>/openapi/` (bundled) with `<root>/openapi/releases/<last>.json` and
 * exits 1 on a breaking change unless package.json's major version is above the release's.
 * Returns the exit code: 0, 1, or 2 on bad usage or unreadable input.
 *
 * @example
 * const code = runCheckBreaking(["old.json", "new.yaml"], { out: console.log, err: console.error });
 */
export function runCheckBreaking(argv: string[], output: Output): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    output.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  try {
    if (positionals.length === 2) {
      const [oldPath, newPath] = positionals as [string, string];
      return compareFiles(readSpec(oldPath), readSpec(newPath), output);
    }
    if (positionals.length === 0) return checkRelease(values.root ?? repoRoot, output);
    output.err(USAGE);
    return 2;
  } catch (error) {
    if (!(error instanceof SpecInputError) && !/redocly/.test((error as Error).message))
      throw error;
    output.err(`check:breaking: ${(error as Error).message}`);
    return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { root: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
}

const apiVersion = (spec: Spec) => String((spec.info as { version?: unknown })?.version ?? "?");

function compareFiles(base: Spec, revision: Spec, output: Output): number {
  const groups = groupChanges(compareSpecs(base, revision));
  output.out(`API ${apiVersion(base)} -> ${apiVersion(revision)}`);
  output.out(formatReport(groups));
  return countGroups(groups).breaking > 0 ? 1 : 0;
}

function checkRelease(root: string, output: Output): number {
  const snapshot = latestSnapshot(root);
  if (!snapshot) {
    output.err(
      `check:breaking: no release snapshot in ${join(root, "openapi/releases")}; run npm run release`,
    );
    return 2;
  }
  const released = readSpec(snapshot.path);
  const current = parseSpec(bundleCurrent(root), "openapi/");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const groups = groupChanges(compareSpecs(released, current));
  output.out(
    `openapi/ (API ${apiVersion(current)}, package ${version}) vs ` +
      `${relative(root, snapshot.path)} (API ${apiVersion(released)})`,
  );
  output.out(formatReport(groups));
  const verdict = releaseGate(countGroups(groups).breaking, snapshot.version, version);
  (verdict.ok ? output.out : output.err)(`${verdict.ok ? "ok" : "FAIL"}: ${verdict.reason}`);
  return verdict.ok ? 0 : 1;
}
