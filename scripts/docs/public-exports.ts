import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../lib/exec.js";
import type { PublicEntry } from "./entries.js";

/** The names each entry exports (values and types), by import path, read by the compiler. */
export function publicExports(entries: readonly PublicEntry[]): Map<string, string[]> {
  const files = entries.map((entry) => join(repoRoot, entry.file));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    resolveJsonModule: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  entries.forEach((entry, index) => {
    const source = program.getSourceFile(files[index] ?? "");
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`cannot read the exports of ${entry.file}`);
    names.set(
      entry.specifier,
      checker.getExportsOfModule(symbol).map((exported) => exported.getName()),
    );
  });
  return names;
}
