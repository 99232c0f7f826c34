import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { bundleCurrent } from "../breaking/bundle-current.js";
import { parseSpec, readSpec } from "../breaking/document.js";
import { releaseGate } from "../breaking/gate.js";
import { countGroups, formatReport } from "../breaking/report.js";
import { latestSnapshot, RELEASES_DIR } from "../breaking/snapshots.js";
import { apiChanges, apiNotes } from "./api-notes.js";
import { releaseChangelog } from "./changelog.js";

/** The release cannot be made: bad version, or the gate refused it (`exitCode` 2 or 1). */
export class ReleaseError extends Error {
  override readonly name = "ReleaseError";
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** What `release` did. */
export interface ReleaseResult {
  version: string;
  snapshot: string;
  /** The comparison with the last release, as `check:breaking` prints it. */
  report?: string;
}

type PackageJson = { version: string; repository?: string | { url?: string } };

/**
 * `npm run release -- <major|minor|patch|x.y.z>` in `root`: bundles `openapi/`, refuses a
 * breaking change without a major bump, writes `openapi/releases/<version>.json`, sets the
 * version in package.json (and package-lock.json), and moves CHANGELOG.md's Unreleased notes
 * into a section for the version with the API part. A version equal to package.json's records
 * it as is (the first release).
 *
 * @example
 * const { version } = release(repoRoot, "minor", new Date().toISOString().slice(0, 10));
 */
export function release(root: string, bump: string, date: string): ReleaseResult {
  const pkg = readJson<PackageJson>(join(root, "package.json"));
  const last = latestSnapshot(root);
  const version = nextVersion(pkg.version, bump);
  if (last ? !semver.gt(version, last.version) : semver.lt(version, pkg.version)) {
    const floor = last ? `above the last release ${last.version}` : `at least ${pkg.version}`;
    throw new ReleaseError(`version ${version} must be ${floor}`, 2);
  }
  const text = bundleCurrent(root);
  const current = parseSpec(text, "openapi/");
  let previous: Parameters<typeof apiNotes>[1];
  let report: string | undefined;
  if (last) {
    const spec = readSpec(last.path);
    const groups = apiChanges(spec, current);
    report = formatReport(groups);
    const verdict = releaseGate(countGroups(groups).breaking, last.version, version);
    if (!verdict.ok) throw new ReleaseError(`${report}\nrelease refused: ${verdict.reason}`, 1);
    previous = { version: last.version, spec, groups };
  }
  mkdirSync(join(root, RELEASES_DIR), { recursive: true });
  const snapshot = join(root, RELEASES_DIR, `${version}.json`);
  writeFileSync(snapshot, text);
  setVersion(root, version);
  setReadmeVersions(root, version, (current.info as { version?: string } | undefined)?.version);
  const changelog = join(root, "CHANGELOG.md");
  const repository = repositoryUrl(pkg);
  writeFileSync(
    changelog,
    releaseChangelog(readFileSync(changelog, "utf8"), {
      version,
      date,
      api: apiNotes(current, previous),
      ...(last ? { previous: last.version } : {}),
      ...(repository ? { repository } : {}),
    }),
  );
  return { version, snapshot, ...(report ? { report } : {}) };
}

function nextVersion(current: string, bump: string): string {
  const next =
    bump === "major" || bump === "minor" || bump === "patch"
      ? semver.inc(current, bump)
      : semver.valid(bump);
  if (!next) throw new ReleaseError(`not a version or major|minor|patch: ${bump}`, 2);
  return next;
}

type Manifest = { version?: string; packages?: Record<string, { version?: string }> };

/** Sets the version in package.json and, when present, package-lock.json (as `npm version` does). */
function setVersion(root: string, version: string): void {
  for (const file of ["package.json", "package-lock.json"]) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const json = readJson<Manifest>(path);
    json.version = version;
    const self = json.packages?.[""];
    if (self) self.version = version;
    writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  }
}

/** The README sentence naming the package version and the API version it targets. */
const README_VERSIONS = /This package \([^)]+\) targets version \S+ of the Kubeadapt API/;

/** Keeps README's "This package (x) targets version y" sentence true, when README has it. */
function setReadmeVersions(root: string, version: string, api: string | undefined): void {
  const path = join(root, "README.md");
  if (!api || !existsSync(path)) return;
  const text = readFileSync(path, "utf8");
  const sentence = `This package (${version}) targets version ${api} of the Kubeadapt API`;
  writeFileSync(path, text.replace(README_VERSIONS, sentence));
}

/** `https://github.com/o/r` from package.json's `repository` (`git+https://…/r.git` form too). */
function repositoryUrl(pkg: PackageJson): string | undefined {
  const url = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  return url?.replace(/^git\+/, "").replace(/\.git$/, "");
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
