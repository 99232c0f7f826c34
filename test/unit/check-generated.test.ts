import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseDocument } from "yaml";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

function script(name: string, specDir: string, generatedDir: string) {
  const result = spawnSync(
    tsx,
    [join(repoRoot, "scripts", name), "--spec", specDir, "--generated", generatedDir],
    { encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("check:generated", { timeout: 60_000 }, () => {
  let dir: string;
  let generatedDir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kubeadapt-drift-"));
    cpSync(join(repoRoot, "openapi"), join(dir, "openapi"), { recursive: true });
    generatedDir = join(dir, "generated");
    const generated = script("generate.ts", join(dir, "openapi"), generatedDir);
    expect(generated.status, generated.output).toBe(0);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("passes when the generated files match the spec", () => {
    const checked = script("check-generated.ts", join(dir, "openapi"), generatedDir);
    expect(checked.status, checked.output).toBe(0);
  });

  test("fails and names the drifted file when a description changes", () => {
    const edited = join(dir, "edited");
    cpSync(join(dir, "openapi"), edited, { recursive: true });
    const root = join(edited, "openapi.yaml");
    const doc = parseDocument(readFileSync(root, "utf8"));
    doc.setIn(["info", "description"], `${doc.getIn(["info", "description"]) ?? ""} (edited)`);
    writeFileSync(root, doc.toString());

    const checked = script("check-generated.ts", edited, generatedDir);
    expect(checked.status).toBe(1);
    expect(checked.output).toContain("out of date");
    expect(checked.output).toContain(join("generated", "openapi.json"));
    expect(checked.output).toContain(join("generated", "openapi.yaml"));
    expect(checked.output).not.toContain(join("generated", "README.md"));
  });
});
