import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { linkTargets } from "../../scripts/docs/markdown-links.js";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string };
const spec = JSON.parse(readFileSync(new URL("generated/openapi.json", root), "utf8")) as {
  info: { version: string };
};

/** The "This package (x) targets version y of the Kubeadapt API" sentence, or undefined. */
function statedVersions(text: string): { pkg: string; api: string } | undefined {
  const m = /This package \(([^)]+)\) targets version (\S+) of the Kubeadapt API/.exec(text);
  return m ? { pkg: m[1] as string, api: m[2] as string } : undefined;
}

describe("README says which API version this package targets", () => {
  it("names package.json's version and the bundled spec's info.version", () => {
    expect(statedVersions(readme)).toEqual({ pkg: pkg.version, api: spec.info.version });
  });

  it("would notice a stale sentence", () => {
    const stale = readme.replace(`targets version ${spec.info.version}`, "targets version 0.9.0");
    expect(statedVersions(stale)).not.toEqual({ pkg: pkg.version, api: spec.info.version });
  });
});

/** The guides of `guides` that `markdown` has no link to. */
function guidesNotLinked(markdown: string, guides: readonly string[]): string[] {
  const linked = new Set(linkTargets(markdown).map((href) => href.replace(/#.*/, "")));
  return guides.filter((guide) => !linked.has(`docs/guides/${guide}`));
}

describe("README's way into the guides", () => {
  it("links every guide in docs/guides/", () => {
    const guides = readdirSync(new URL("docs/guides/", root)).filter((f) => f.endsWith(".md"));
    expect(guides.length).toBeGreaterThanOrEqual(10);
    expect(guidesNotLinked(readme, guides)).toEqual([]);
  });

  it("would notice a guide added without a link", () => {
    expect(guidesNotLinked("[a](docs/guides/a.md#part)", ["a.md", "new.md"])).toEqual(["new.md"]);
  });
});
