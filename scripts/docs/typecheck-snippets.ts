import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../lib/exec.js";
import type { CodeBlock } from "./code-blocks.js";
import { publicEntries } from "./entries.js";

/** Where blocks are written to be compiled: inside the repo, so `node_modules` resolves. */
const WORK_ROOT = join(repoRoot, ".tmp");

/** The last program built: the next one reuses its unchanged files (src, node_modules types). */
let previous: ts.Program | undefined;

/**
 * The project's compiler options with every public import path (`kubeadapt`,
 * `kubeadapt/testing`, ...) mapped to its source entry, so snippets and examples are checked
 * against the public surface as it is now, with no build, and can import nothing else of it.
 */
export function publicSurfaceOptions(): ts.CompilerOptions {
  const configFile = ts.findConfigFile(repoRoot, ts.sys.fileExists, "tsconfig.json");
  if (!configFile) throw new Error("no tsconfig.json at the repo root");
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  const paths = Object.fromEntries(
    publicEntries().map((entry) => [entry.specifier, [join(repoRoot, entry.file)]]),
  );
  return { ...options, paths, noEmit: true };
}

/** A compile error, located in the markdown file or example it comes from. */
function describe(
  diagnostic: ts.Diagnostic,
  locate: (fileName: string, line: number) => string,
): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${locate(diagnostic.file.fileName, line)}: ${message}`;
}

/**
 * Type-checks each non-fragment block as a module of its own, and each file of `programs`
 * (complete programs such as `examples/*.ts`), against the public surface.
 * @returns one line per compile error, `file:line: message`; empty when everything compiles
 */
export function typecheckSnippets(
  blocks: readonly CodeBlock[],
  programs: readonly string[] = [],
): string[] {
  mkdirSync(WORK_ROOT, { recursive: true });
  const workDir = mkdtempSync(join(WORK_ROOT, "doc-blocks-"));
  try {
    return compile(blocks, programs, workDir);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function compile(blocks: readonly CodeBlock[], programs: readonly string[], workDir: string) {
  const origins = new Map<string, CodeBlock>();
  blocks
    .filter((block) => !block.fragment)
    .forEach((block, index) => {
      const fileName = join(workDir, `block-${index}.ts`);
      // A block with no import or export is still a module (top-level await, no global clashes).
      const code = /^\s*(import|export)\s/m.test(block.code)
        ? block.code
        : `${block.code}\nexport {};\n`;
      writeFileSync(fileName, code);
      origins.set(fileName, block);
    });
  const roots = [...origins.keys(), ...programs];
  const program = ts.createProgram(roots, publicSurfaceOptions(), undefined, previous);
  previous = program;
  const locate = (fileName: string, line: number) => {
    const block = origins.get(fileName);
    return block ? `${block.file}:${block.line + line}` : `${fileName}:${line + 1}`;
  };
  return roots.flatMap((fileName): string[] => {
    const source = program.getSourceFile(fileName);
    if (!source) return [`${fileName}: not found`];
    return [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ].map((diagnostic) => describe(diagnostic, locate));
  });
}
