// `npm run check:breaking`: exit codes of `OLD NEW`, input errors, and the release gate against
// the last snapshot, both ways (a breaking change without and with a raised major version).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCheckBreaking } from "../../scripts/lib/breaking/cli.js";
import { addOptionalParameter, copyProject, lowerLimitMaximum } from "../helpers/project-copy.js";
import { missingLines } from "../helpers/sample-lines.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const specJson = join(repoRoot, "generated", "openapi.json");
const specYaml = join(repoRoot, "generated", "openapi.yaml");

function check(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCheckBreaking(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let dir = "";
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kubeadapt-check-breaking-"));
  const spec = JSON.parse(readFileSync(specJson, "utf8"));
  const breaking = structuredClone(spec);
  breaking.components.parameters.Limit.schema.maximum = 200;
  writeFileSync(file("breaking.json"), JSON.stringify(breaking));
  writeFileSync(file("breaking.yaml"), stringify(breaking));
  const additive = structuredClone(spec);
  additive.paths["/v1/teams/{team_id}/members"] = spec.paths["/v1/teams/{team_id}/assignments"];
  writeFileSync(file("additive.json"), JSON.stringify(additive));
  const dangling = structuredClone(spec);
  dangling.paths["/v1/clusters"].get.parameters.push({ $ref: "#/components/parameters/Nope" });
  writeFileSync(file("dangling.json"), JSON.stringify(dangling));
  writeFileSync(file("garbage.txt"), "{ this is: [not, valid");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("check:breaking OLD NEW", () => {
  it("exits 0 when the specs are the same", () => {
    const result = check(specJson, specJson);
    expect(result.code).toBe(0);
    expect(result.out).toContain("0 breaking, 0 non-breaking change(s).");
  });

  it("exits 1 and names the rule when NEW breaks clients of OLD", () => {
    const result = check(specJson, file("breaking.json"));
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      "ERR  request-parameter-max-decreased: query parameter limit: maximum 500 -> 200",
    );
    expect(result.out).toMatch(/in GET \/v1\/clusters, .* and \d+ more operations/);
  });

  it("exits 0 on additions only, and lists them", () => {
    const result = check(specJson, file("additive.json"));
    expect(result.code).toBe(0);
    expect(result.out).toContain("INFO endpoint-added: GET /v1/teams/{team_id}/members: added");
    expect(result.out).toContain("0 breaking, 1 non-breaking change(s).");
  });

  it("reads YAML specs too", () => {
    expect(check(specYaml, file("breaking.yaml")).code).toBe(1);
    expect(check(specYaml, specJson).code).toBe(0);
  });

  it("exits 0 when NEW is OLD without the breaking change (the comparison is directed)", () => {
    expect(check(file("breaking.json"), specJson).code).toBe(0);
  });

  it.each([
    [
      "a missing file",
      () => [specJson, file("missing.json")],
      /cannot read .*missing\.json: ENOENT/,
    ],
    ["neither JSON nor YAML", () => [file("garbage.txt"), specJson], /neither JSON nor YAML/],
    [
      "not an OpenAPI document",
      () => [join(repoRoot, "package.json"), specJson],
      /not an OpenAPI 3 document/,
    ],
    [
      "an unbundled spec",
      () => [join(repoRoot, "openapi/openapi.yaml"), specJson],
      /external \$ref .*npm run bundle/,
    ],
    [
      "a dangling $ref",
      () => [specJson, file("dangling.json")],
      /dangling \$ref #\/components\/parameters\/Nope/,
    ],
    ["one file only", () => [specJson], /usage: check-breaking/],
    ["an unknown option", () => ["--nope"], /Unknown option '--nope'/],
  ])("exits 2 on %s", (_name, args, message) => {
    const result = check(...args());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it("is wired to the process exit code (1 breaking, 2 unreadable)", () => {
    const tsx = join(repoRoot, "node_modules", ".bin", "tsx");
    const script = join(repoRoot, "scripts", "check-breaking.ts");
    const breaking = spawnSync(tsx, [script, specJson, file("breaking.json")], {
      encoding: "utf8",
    });
    expect(breaking.status, breaking.stderr).toBe(1);
    expect(breaking.stdout).toContain("request-parameter-max-decreased");
    const unreadable = spawnSync(tsx, [script, specJson, file("missing.json")], {
      encoding: "utf8",
    });
    expect(unreadable.status).toBe(2);
    expect(unreadable.stderr).toContain("cannot read");
  }, 30_000);
});

describe("check:breaking against the last release (the gate in npm test)", {
  timeout: 60_000,
}, () => {
  it("fails a breaking change while the major version is the released one", () => {
    const project = copyProject("0.1.0");
    try {
      lowerLimitMaximum(project);
      const result = check("--root", project.root);
      expect(result.code).toBe(1);
      expect(result.out).toContain("vs openapi/releases/0.1.0.json");
      expect(result.out).toContain("request-parameter-max-decreased");
      expect(result.err).toContain(
        "FAIL: 1 breaking change(s) since 0.1.0 with package.json at 0.1.0",
      );
      expect(result.err).toContain("npm run release -- major");
    } finally {
      project.remove();
    }
  });

  it("passes the same change once package.json's major is raised above the release's", () => {
    const project = copyProject("1.0.0");
    try {
      lowerLimitMaximum(project);
      addOptionalParameter(project);
      const result = check("--root", project.root);
      expect(result.code).toBe(0);
      expect(result.out).toContain("new-optional-request-parameter");
      expect(result.out).toContain(
        "ok: 1 breaking change(s) since 0.1.0, allowed: the major version is raised (1.0.0)",
      );
    } finally {
      project.remove();
    }
  });

  it("exits 2 when there is no release snapshot", () => {
    const project = copyProject();
    try {
      rmSync(join(project.root, "openapi", "releases"), { recursive: true });
      const result = check("--root", project.root);
      expect(result.code).toBe(2);
      expect(result.err).toContain("no release snapshot");
    } finally {
      project.remove();
    }
  });
});

/** versioning.md's sample output of the gate: the text block of "## The release gate". */
function gateSample(guide: string): string[] {
  const section = guide.slice(guide.indexOf("## The release gate"));
  const block = /```text\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (block === undefined)
    throw new Error("versioning.md: no text block under ## The release gate");
  return block.split("\n");
}

describe("versioning.md's sample of the gate", { timeout: 60_000 }, () => {
  const guide = readFileSync(join(repoRoot, "docs", "guides", "versioning.md"), "utf8");
  const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  let printed = "";
  beforeAll(() => {
    // The guide's edit, on a copy of this project at its version.
    const project = copyProject(version);
    try {
      lowerLimitMaximum(project);
      addOptionalParameter(project);
      const result = check("--root", project.root);
      printed = `${result.out}\n${result.err}`;
    } finally {
      project.remove();
    }
  });

  it("is what check:breaking prints for the edit it describes", () => {
    expect(guide).toContain("maximum was lowered from 500 to 200");
    expect(guide).toContain("optional `fields` query parameter");
    expect(missingLines(gateSample(guide), printed)).toEqual([]);
  });

  it("would notice the old sample, which left out the changes since the release", () => {
    const old = gateSample(guide)
      .filter(
        (line, i, all) =>
          !/response-header-added|^…$/.test(line) &&
          !/response-header-added/.test(all[i - 1] ?? ""),
      )
      .map((line) => line.replace("(10)", "(1)").replace("10 non-breaking", "1 non-breaking"));
    expect(missingLines(old, printed)).toEqual(
      expect.arrayContaining([
        "Non-breaking changes (1):",
        "+   INFO response-header-added: response 200: header `x-request-id` added",
      ]),
    );
  });
});
