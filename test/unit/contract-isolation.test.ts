import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const CONTRACT = join(SRC, "contract");
const SPEC = join(SRC, "spec");
const GENERATED = fileURLToPath(new URL("../../generated", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
const importsOf = (file: string) =>
  [
    ...readFileSync(file, "utf8").matchAll(
      /^(?:import|export)\s(?:[^;]*?\sfrom\s)?"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gms,
    ),
  ].map((m) => (m[1] ?? m[2]) as string);

describe("src/contract stays a separate, runtime-light library", () => {
  it("is not reachable from the SDK's entry point (src/index.ts)", () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of importsOf(file).filter((s) => s.startsWith("."))) {
        const target = resolve(dirname(file), specifier).replace(/\.js$/, ".ts");
        if (target.startsWith(`${SRC}/`)) visit(target);
      }
    };
    visit(join(SRC, "index.ts"));
    expect(seen.size).toBeGreaterThan(10);
    expect([...seen].filter((f) => f.startsWith(`${CONTRACT}/`))).toEqual([]);
  });

  it("uses only the public SDK and kubeadapt/money (no dependencies of its own), their internals, the bundled spec (src/spec, generated/), openapi-fetch and Ajv", () => {
    const bare = new Set(["openapi-fetch", "ajv/dist/2020.js", "ajv-formats"]);
    const allowed = (target: string) =>
      target.startsWith(`${CONTRACT}/`) ||
      target === join(SRC, "index.js") ||
      target.startsWith(join(SRC, "internal/")) ||
      target.startsWith(join(SRC, "money/")) ||
      target.startsWith(`${SPEC}/`) ||
      target.startsWith(`${GENERATED}/`);
    for (const file of files(CONTRACT)) {
      for (const specifier of importsOf(file)) {
        const ok = specifier.startsWith(".")
          ? allowed(resolve(dirname(file), specifier))
          : bare.has(specifier);
        expect(ok, `${relative(SRC, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it("shares the bundled spec through src/spec, which imports nothing but generated/ (no Ajv, so the fake can read it)", () => {
    for (const file of files(SPEC).filter((f) => f.endsWith(".ts"))) {
      for (const specifier of importsOf(file)) {
        const target = resolve(dirname(file), specifier);
        const ok = target.startsWith(`${SPEC}/`) || target.startsWith(`${GENERATED}/`);
        expect(ok, `${relative(SRC, file)} imports ${specifier}`).toBe(true);
      }
    }
  });
});
