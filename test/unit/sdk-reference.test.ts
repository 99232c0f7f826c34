import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSdkReference } from "../../scripts/docs/sdk-reference.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A tiny project with `src/index.ts` and `src/extra/index.ts`, and its tsconfig. */
function project(index: string): string {
  const root = mkdtempSync(join(tmpdir(), "kubeadapt-typedoc-"));
  dirs.push(root);
  mkdirSync(join(root, "src", "extra"), { recursive: true });
  writeFileSync(join(root, "src", "index.ts"), index);
  writeFileSync(join(root, "src", "extra", "index.ts"), "/** Two. */\nexport const two = 2;\n");
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      // No DOM lib and no @types: the fixture needs neither, and TypeDoc reads them slowly.
      compilerOptions: { strict: true, module: "NodeNext", lib: ["ES2022"], types: [] },
      include: ["src"],
    }),
  );
  return root;
}

/** Options of a fixture project: its two entries, nothing intentionally unexported. */
function options(root: string) {
  return {
    root,
    entries: [
      { specifier: "pkg", file: "src/index.ts" },
      { specifier: "pkg/extra", file: "src/extra/index.ts" },
    ],
    intentionallyNotExported: [],
  };
}

describe("the SDK reference build (TypeDoc)", { timeout: 60_000 }, () => {
  it("documents each entry as a module named by its import path", async () => {
    const root = project("/** Makes one. */\nexport function one(): number {\n  return 1;\n}\n");
    const modules = await buildSdkReference(join(root, "out"), options(root));
    expect(modules).toEqual([
      { specifier: "pkg", href: "modules/pkg.html" },
      { specifier: "pkg/extra", href: "modules/pkg_extra.html" },
    ]);
    expect(readFileSync(join(root, "out", "modules", "pkg.html"), "utf8")).toContain("one");
  });

  it("fails on an export without JSDoc, and on a broken {@link}", async () => {
    const undocumented = project("export function one(): number {\n  return 1;\n}\n");
    await expect(
      buildSdkReference(join(undocumented, "out"), options(undocumented)),
    ).rejects.toThrow(/index\.one .*does not have any documentation/);
    const brokenLink = project("/** See {@link nowhere}. */\nexport const one = 1;\n");
    await expect(buildSdkReference(join(brokenLink, "out"), options(brokenLink))).rejects.toThrow(
      'Failed to resolve link to "nowhere"',
    );
  });

  it("fails on a public export TypeDoc would leave out without a warning (@internal)", async () => {
    const hidden = project(
      "/** Makes one. */\nexport const one = 1;\n/** Not for users. @internal */\nexport const two = 2;\n",
    );
    await expect(buildSdkReference(join(hidden, "out"), options(hidden))).rejects.toThrow(
      "the SDK reference would leave out public exports (remove @internal/@hidden from them, or stop exporting them):\n  pkg: two",
    );
  });
});
