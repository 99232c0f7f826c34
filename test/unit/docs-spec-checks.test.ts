import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { checkPublishableSpec, danglingRefs } from "../../scripts/docs/spec-checks.js";
import { repoRoot } from "../../scripts/lib/exec.js";
import { generate } from "../../scripts/lib/generate.js";

describe("dangling $refs of the bundled spec", () => {
  const spec = {
    openapi: "3.1.0",
    paths: {
      "/a": { get: { responses: { "200": { $ref: "#/components/responses/Ok" } } } },
      "/b~c": { get: { responses: { "200": { $ref: "#/components/responses/Gone" } } } },
    },
    components: {
      responses: { Ok: { description: "ok", content: { "a/b": { schema: { $ref: "#" } } } } },
      schemas: {
        "a/b": { type: "string" },
        List: { type: "array", items: [{ $ref: "#/components/schemas/a~1b" }] },
        Other: { $ref: "other.yaml#/Thing" },
      },
    },
  };

  it("names each $ref that resolves to nothing or points outside the file, and where it is", () => {
    expect(danglingRefs(spec)).toEqual([
      "#/paths/~1b~0c/get/responses/200: $ref #/components/responses/Gone names nothing in the spec",
      "#/components/schemas/Other: $ref other.yaml#/Thing points outside the bundled file",
    ]);
  });

  it("finds none in the published bundle", () => {
    const bundled = JSON.parse(readFileSync(join(repoRoot, "generated", "openapi.json"), "utf8"));
    expect(danglingRefs(bundled)).toEqual([]);
  });
});

describe("the spec check before publishing the docs", { timeout: 60_000 }, () => {
  let dir: string;
  const specDir = () => join(dir, "openapi");
  const generatedDir = () => join(dir, "generated");

  /** A copy of the good spec with one YAML edit, as a new spec dir. */
  function editedSpec(name: string, file: string, path: string[], value: unknown): string {
    const edited = join(dir, name);
    cpSync(specDir(), edited, { recursive: true });
    const target = join(edited, file);
    const doc = parseDocument(readFileSync(target, "utf8"));
    if (value === undefined) doc.deleteIn(path);
    else doc.setIn(path, value);
    writeFileSync(target, doc.toString());
    return edited;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kubeadapt-docs-spec-"));
    cpSync(join(repoRoot, "openapi"), specDir(), { recursive: true });
    generate(specDir(), generatedDir());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The passing case is this repository's own spec: test/unit/docs-build.test.ts.
  it("fails on a spec with a lint error, naming the rule and the file", () => {
    const edited = editedSpec(
      "no-summary",
      "paths/v1@organization.yaml",
      ["get", "summary"],
      undefined,
    );
    expect(() => checkPublishableSpec({ specDir: edited, generatedDir: generatedDir() })).toThrow(
      /does not pass lint:spec \(1 problem\(s\)\):\nerror operation-summary .*v1@organization\.yaml/,
    );
  });

  it("fails on a $ref to a file that does not exist", () => {
    const edited = editedSpec(
      "dangling",
      "paths/v1@organization.yaml",
      ["get", "responses", "200", "content", "application/json", "schema", "$ref"],
      "../components/schemas/Nope.yaml",
    );
    expect(() => checkPublishableSpec({ specDir: edited, generatedDir: generatedDir() })).toThrow(
      /no-unresolved-refs[\s\S]*Nope\.yaml/,
    );
  });

  it("fails when generated/ is older than the spec, naming the command that fixes it", () => {
    const edited = editedSpec("newer", "openapi.yaml", ["info", "description"], "A newer API.");
    expect(() => checkPublishableSpec({ specDir: edited, generatedDir: generatedDir() })).toThrow(
      /generated is out of date with .*newer, so the site would publish an older API: .*openapi\.json.*Run `npm run generate`/,
    );
  });

  it("makes `npm run docs` exit 1 with the reason, leaving no site (not even the last one)", () => {
    const edited = editedSpec("cli", "paths/v1@organization.yaml", ["get", "summary"], undefined);
    const out = join(dir, "site");
    mkdirSync(out);
    writeFileSync(join(out, "index.html"), "the last site, now stale");
    const result = spawnSync(
      join(repoRoot, "node_modules", ".bin", "tsx"),
      [
        join(repoRoot, "scripts", "build-docs.ts"),
        "--spec",
        edited,
        "--generated",
        generatedDir(),
        "--out",
        out,
      ],
      { encoding: "utf8", cwd: repoRoot },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^docs failed: the spec in .*cli does not pass lint:spec/m);
    expect(result.stderr).toContain("operation-summary");
    expect(existsSync(out)).toBe(false);
  });
});
