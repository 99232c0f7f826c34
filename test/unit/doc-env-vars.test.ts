// The environment variables the docs name are the ones the code reads, and the other way round.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.js";
import { allDocs, readDoc } from "../helpers/doc-facts.js";

/**
 * The variables of ours a doc may name: the SDK's, the proxy ones, the CI flag and the terminal
 * type the CLI reads.
 */
const OURS = /\b(KUBEADAPT_[A-Z_]+|(?:HTTPS?|NO)_PROXY|(?:https?|no)_proxy|GITHUB_ACTIONS|TERM)\b/g;

/** The variables a source reads: `env.NAME` (`process.env`, an injected `env`) or `readEnv("NAME")`. */
function variablesRead(source: string): string[] {
  return [...source.matchAll(/(?<![/\w])env\.([A-Za-z_]+)\b|\breadEnv\("([A-Za-z_]+)"\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

/** The variables of ours a doc names. */
const variablesNamed = (markdown: string): string[] => markdown.match(OURS) ?? [];

/** What the docs and the code disagree on: a variable named but not read, or read but never named. */
function envProblems(named: Iterable<string>, read: Iterable<string>): string[] {
  const docs = new Set(named);
  const code = new Set(read);
  return [
    ...[...docs].filter((name) => !code.has(name)).map((name) => `${name}: named, never read`),
    ...[...code].filter((name) => !docs.has(name)).map((name) => `${name}: read, never named`),
  ].sort();
}

/** Every `.ts` file under `src/`. */
function sources(dir = join(repoRoot, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("environment variables", () => {
  it("README.md, CONTRIBUTING.md and the guides name exactly those src/ reads", () => {
    const named = allDocs().flatMap((file) => variablesNamed(readDoc(file)));
    const read = sources().flatMap((file) => variablesRead(readFileSync(file, "utf8")));
    expect(new Set(read)).toContain("KUBEADAPT_LOG");
    expect(envProblems(named, read)).toEqual([]);
  });

  it("notices a variable the code stopped reading, and one it reads that no doc names", () => {
    const code = [
      'import { readEnv } from "./internal/env.js";',
      'const t = env.KUBEADAPT_API_TOKEN; const l = readEnv("KUBEADAPT_LOG_LEVEL");',
    ].join("\n");
    expect(variablesRead(code)).toEqual(["KUBEADAPT_API_TOKEN", "KUBEADAPT_LOG_LEVEL"]);
    const doc = "`KUBEADAPT_API_TOKEN`, `KUBEADAPT_LOG=debug`, `NO_PROXY`, and NODE_EXTRA_CA_CERTS";
    expect(variablesNamed(doc)).toEqual(["KUBEADAPT_API_TOKEN", "KUBEADAPT_LOG", "NO_PROXY"]);
    expect(envProblems(variablesNamed(doc), variablesRead(code))).toEqual([
      "KUBEADAPT_LOG: named, never read",
      "KUBEADAPT_LOG_LEVEL: read, never named",
      "NO_PROXY: named, never read",
    ]);
  });
});
