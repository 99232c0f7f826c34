import { relative } from "node:path";
import ts from "typescript";
import { repoRoot } from "../lib/exec.js";
import type { CodeBlock } from "./code-blocks.js";
import { publicEntries } from "./entries.js";
import { publicSurfaceOptions } from "./typecheck-snippets.js";

/** An `@example` of the JSDoc of a public symbol, as the SDK reference publishes it. */
export interface JsdocExample {
  /** The source file, relative to the repo root. */
  file: string;
  /** 1-based line of the example's first code line in `file`. */
  line: number;
  /** The public symbol it documents (`Kubeadapt.paginate` for a member). */
  symbol: string;
  code: string;
}

/** A name a public entry exports, and whether it is a value (else import it as a type). */
interface Exported {
  specifier: string;
  value: boolean;
}

/**
 * What an example may use that it does not declare: a reader's own variables, which the
 * examples take as given. Declared (typed) only when an example uses the name undeclared.
 */
const GIVEN: Readonly<Record<string, string>> = {
  ka: 'declare const ka: import("kubeadapt").Kubeadapt;',
  id: "declare const id: string;",
  token: "declare const token: string;",
  report: 'declare const report: import("kubeadapt/contract").ContractReport;',
  costs: 'declare const costs: import("kubeadapt/money").Money[];',
  a: 'declare const a: import("kubeadapt/money").Money;',
  b: 'declare const b: import("kubeadapt/money").Money;',
};

/** The raw code of the `@example` tag at `pos` in `text`: up to the next tag or the comment's end. */
function exampleAt(text: string, pos: number): { line: number; code: string } {
  const start = text.indexOf("\n", text.indexOf("@example", pos)) + 1;
  const lines: string[] = [];
  for (const raw of text.slice(start).split("\n")) {
    if (/^\s*\*\//.test(raw) || /^\s*\*\s*@\w/.test(raw)) break;
    lines.push(raw.replace(/^\s*\* ?/, "").replace(/\s*\*\/\s*$/, ""));
    if (raw.includes("*/")) break;
  }
  const line = text.slice(0, start).split("\n").length;
  return { line, code: lines.join("\n").trimEnd() };
}

/** The declarations (with their members) whose JSDoc the SDK reference shows for a symbol. */
function documented(declaration: ts.Declaration, name: string): [ts.Node, string][] {
  const own: [ts.Node, string][] = [[declaration, name]];
  if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) return own;
  const members = declaration.members as ts.NodeArray<ts.NamedDeclaration>;
  return [
    ...own,
    ...members.map((m): [ts.Node, string] => [m, `${name}.${m.name?.getText() ?? ""}`]),
  ];
}

/**
 * The public entries' exports (name to entry and kind) and every `@example` of their JSDoc:
 * of each exported symbol, its interface and class members, and each entry's module comment.
 */
export function publicJsdoc(): { examples: JsdocExample[]; exports: Map<string, Exported> } {
  const entries = publicEntries();
  const program = ts.createProgram(
    entries.map((entry) => `${repoRoot}${entry.file}`),
    publicSurfaceOptions(),
  );
  const checker = program.getTypeChecker();
  const exports = new Map<string, Exported>();
  const examples = new Map<string, JsdocExample>();
  const collect = (node: ts.Node, symbol: string) => {
    const source = node.getSourceFile();
    for (const tag of ts.getJSDocTags(node).filter((t) => t.tagName.text === "example")) {
      const { line, code } = exampleAt(source.text, tag.pos);
      const file = relative(repoRoot, source.fileName);
      examples.set(`${file}:${line}`, { file, line, symbol, code });
    }
  };
  for (const entry of entries) {
    const source = program.getSourceFile(`${repoRoot}${entry.file}`);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!source || !moduleSymbol) throw new Error(`${entry.file}: not a module`);
    const first = source.statements[0];
    if (first) collect(first, entry.specifier);
    for (const alias of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = alias.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(alias) : alias;
      if (!exports.has(alias.name)) {
        const value = (symbol.flags & ts.SymbolFlags.Value) !== 0;
        exports.set(alias.name, { specifier: entry.specifier, value });
      }
      for (const declaration of symbol.declarations ?? []) {
        for (const [node, name] of documented(declaration, alias.name)) collect(node, name);
      }
    }
  }
  return { examples: [...examples.values()], exports };
}

/** Names `code` declares itself (const, let, function, class, import). */
function declaredIn(code: string): Set<string> {
  const names = code.matchAll(
    /\b(?:const|let|var|function|class)\s+(\w+)|\bimport\s+(?:type\s+)?\{([^}]*)\}/g,
  );
  return new Set(
    [...names].flatMap((m) => (m[1] ? [m[1]] : (m[2] ?? "").split(",").map((n) => n.trim()))),
  );
}

/**
 * An example as a module that compiles on its own: imports of the public names it uses and does
 * not import itself, then declarations of the {@link GIVEN} names it uses. `whole` when it needs
 * no given name, so it can run as it is.
 */
export function exampleProgram(
  example: JsdocExample,
  exports: ReadonlyMap<string, Exported>,
): CodeBlock & { whole: boolean } {
  const declared = declaredIn(example.code);
  // Identifiers outside comments, but for property keys (`token: "t"` uses no `token`).
  const code = example.code.replace(/(^|[\s;,)])\/\/.*$/gm, "$1");
  const used = new Set(code.match(/(?<![\w.$"'])[A-Za-z_$][\w$]*(?![\w$]|\s*:)/g) ?? []);
  const wanted = [...used].filter((name) => !declared.has(name));
  const bySpecifier = new Map<string, string[]>();
  for (const name of wanted) {
    const exported = exports.get(name);
    if (!exported) continue;
    const names = bySpecifier.get(exported.specifier) ?? [];
    names.push(exported.value ? name : `type ${name}`);
    bySpecifier.set(exported.specifier, names);
  }
  const given = wanted.flatMap((name) => (GIVEN[name] && !exports.has(name) ? [GIVEN[name]] : []));
  const preamble = [
    ...[...bySpecifier].map(([from, names]) => `import { ${names.join(", ")} } from "${from}";`),
    ...given,
  ];
  return {
    file: example.file,
    // Errors are located by the code's own lines; the preamble's lie just above.
    line: example.line - preamble.length,
    code: [...preamble, example.code].join("\n"),
    fragment: false,
    whole: given.length === 0,
  };
}
