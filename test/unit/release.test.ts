// `npm run release`: the gate refuses a breaking change without a major bump; a release writes
// the snapshot, the version and CHANGELOG.md's section with its API part.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChangelogError, releaseChangelog } from "../../scripts/lib/release/changelog.js";
import { ReleaseError, release } from "../../scripts/lib/release/release.js";
import {
  addOptionalParameter,
  copyProject,
  lowerLimitMaximum,
  type ProjectCopy,
} from "../helpers/project-copy.js";

const DATE = "2026-12-01";
const REPO = "https://github.com/kubeadapt/kubeadapt-js";

function withProject(test: (project: ProjectCopy) => void): () => void {
  return () => {
    const project = copyProject("0.1.0");
    try {
      test(project);
    } finally {
      project.remove();
    }
  };
}

const version = (project: ProjectCopy, file: string) => JSON.parse(project.read(file)).version;

describe("npm run release", { timeout: 60_000 }, () => {
  it(
    "records a non-breaking minor: snapshot, version, CHANGELOG section with the API part",
    withProject((project) => {
      addOptionalParameter(project);
      const result = release(project.root, "minor", DATE);
      expect(result.version).toBe("0.2.0");
      const snapshot = JSON.parse(project.read("openapi/releases/0.2.0.json"));
      expect(snapshot.paths["/v1/organization"].get.parameters).toEqual([
        {
          name: "fields",
          in: "query",
          description: "Fields to return.",
          schema: { type: "string" },
        },
      ]);
      expect(version(project, "package.json")).toBe("0.2.0");
      expect(version(project, "package-lock.json")).toBe("0.2.0");
      expect(JSON.parse(project.read("package-lock.json")).packages[""].version).toBe("0.2.0");
      expect(project.read("README.md")).toMatch(
        /This package \(0\.2\.0\) targets version \d+\.\d+\.\d+ of the Kubeadapt API/,
      );

      const changelog = project.read("CHANGELOG.md");
      const section = changelog.slice(changelog.indexOf("## [0.2.0] - 2026-12-01"));
      expect(changelog.indexOf("## [Unreleased]")).toBeLessThan(changelog.indexOf("## [0.2.0]"));
      expect(changelog.indexOf("## [0.2.0]")).toBeLessThan(changelog.indexOf("## [0.1.0]"));
      expect(section).toContain("compared with the 0.1.0 release (`openapi/releases/0.1.0.json`)");
      expect(section).toContain(
        "- `query parameter fields`: added, optional (`new-optional-request-parameter`; GET /v1/organization)",
      );
      expect(section).not.toContain("**Breaking:**");
      expect(changelog).toContain(`[unreleased]: ${REPO}/compare/v0.2.0...HEAD`);
      expect(changelog).toContain(`[0.2.0]: ${REPO}/compare/v0.1.0...v0.2.0`);
      // 0.1.0's own link is left as it was (the commit that recorded it: it has no tag).
      expect(changelog).toMatch(new RegExp(`^\\[0\\.1\\.0\\]: ${REPO}/commit/[0-9a-f]{40}$`, "m"));
    }),
  );

  it(
    "refuses a breaking change in a minor and writes nothing",
    withProject((project) => {
      lowerLimitMaximum(project);
      const changelog = project.read("CHANGELOG.md");
      let caught: unknown;
      try {
        release(project.root, "minor", DATE);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ReleaseError);
      expect((caught as ReleaseError).exitCode).toBe(1);
      expect((caught as Error).message).toContain("request-parameter-max-decreased");
      expect((caught as Error).message).toContain(
        "release refused: 1 breaking change(s) since 0.1.0",
      );
      expect(existsSync(join(project.root, "openapi/releases/0.2.0.json"))).toBe(false);
      expect(version(project, "package.json")).toBe("0.1.0");
      expect(project.read("CHANGELOG.md")).toBe(changelog);
    }),
  );

  it(
    "releases the breaking change as a major, marked breaking in CHANGELOG.md",
    withProject((project) => {
      lowerLimitMaximum(project);
      expect(release(project.root, "major", DATE).version).toBe("1.0.0");
      expect(version(project, "package.json")).toBe("1.0.0");
      expect(project.read("CHANGELOG.md")).toContain(
        "- **Breaking:** `query parameter limit`: maximum 500 -> 200 (`request-parameter-max-decreased`",
      );
    }),
  );

  it(
    "rejects a version that is not above the last release, or not a version",
    withProject((project) => {
      for (const bump of ["0.1.0", "0.0.9", "banana"]) {
        expect(() => release(project.root, bump, DATE)).toThrow(ReleaseError);
      }
      expect(() => release(project.root, "banana", DATE)).toThrow(/not a version or major/);
      expect(() => release(project.root, "0.1.0", DATE)).toThrow(/above the last release 0.1.0/);
    }),
  );
});

describe("releaseChangelog", () => {
  const entry = {
    version: "1.2.0",
    date: DATE,
    api: "- a change",
    previous: "1.1.0",
    repository: REPO,
  };

  it("moves the Unreleased notes into the release and keeps an empty Unreleased", () => {
    const text =
      "# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- a bug\n\n## [1.1.0] - 2026-01-01\n\nold\n";
    const released = releaseChangelog(text, entry);
    expect(released).toBe(
      "# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2026-12-01\n\n### Fixed\n\n- a bug\n\n" +
        "### API\n\n- a change\n\n## [1.1.0] - 2026-01-01\n\nold\n\n" +
        `[unreleased]: ${REPO}/compare/v1.2.0...HEAD\n[1.2.0]: ${REPO}/compare/v1.1.0...v1.2.0\n`,
    );
  });

  it("refuses a changelog without an Unreleased section", () => {
    expect(() => releaseChangelog("# Changelog\n\n## [1.1.0]\n", entry)).toThrow(ChangelogError);
  });
});
