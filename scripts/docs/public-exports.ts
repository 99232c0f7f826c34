import { join, resolve } from "node:path";
import ts from "typescript";
import { repoRoot } from "../lib/exec.js";
import type { PublicEntry } from "./entries.js";

/**
 * The names each entry exports (values and types), by import path, read from `programs` (one
 * of them must hold each entry's file).
 * @param root the project the entries' files are relative to
 */
export function exportsIn(
  programs: readonly ts.Program[],
  entries: readonly PublicEntry[],
  root: string = repoRoot,
): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const entry of entries) {
    const file = resolve(root, entry.file);
    const program = programs.find((each) => each.getSourceFile(file));
    const checker = program?.getTypeChecker();
    const source = program?.getSourceFile(file);
    const symbol = source && checker?.getSymbolAtLocation(source);
    if (!checker || !symbol) throw new Error(`cannot read the exports of ${entry.file}`);
    names.set(
      entry.specifier,
      checker.getExportsOfModule(symbol).map((exported) => exported.getName()),
    );
  }
  return names;
}

/**
 * The names each entry exports (values and types), by import path, read by the compiler.
 * @param root the project the entries' files are relative to
 */
export function publicExports(
  entries: readonly PublicEntry[],
  root: string = repoRoot,
): Map<string, string[]> {
  const program = ts.createProgram(
    entries.map((entry) => join(root, entry.file)),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      resolveJsonModule: true,
      noEmit: true,
    },
  );
  return exportsIn([program], entries, root);
}
