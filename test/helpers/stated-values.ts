// The `expr; // value` comments of JSDoc examples, made checkable: each such line is rewritten to
// report what `expr` gives (or throws) when the example runs, and compared with what it states.
import type { SnippetRun } from "./snippet-runner.js";

/**
 * What a line states: a literal value (`// "$0.30"`, `// 0`), an object (`// { amount: "0.3000",
 * ... }`, where `...` leaves the other keys out), or a throw (`// throws MoneyError`).
 */
export interface Stated {
  line: number;
  expr: string;
  value?: string;
  throws?: { name?: string };
}

const MARK = "\u0000stated";
const LITERAL = String.raw`"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null`;
const STATED_LINE = new RegExp(
  String.raw`^(\s*)(?!(?:const|let|var|return|import|export)\s)(.+?);\s*\/\/\s*(?:throws\b(?:\s+([A-Z]\w*))?|(${LITERAL})(?=[\s,;(]|$)|(\{.*\})$)`,
);

/** `code` with each stated line reporting its result, and the statements, in order. */
export function instrument(code: string): { code: string; stated: Stated[] } {
  const stated: Stated[] = [];
  const source = code.split("\n");
  const lines = source.map((text, line) => {
    // A value too long for the line is stated on the next: `add(a, b);` then `// { ... }`.
    const next = source[line + 1] ?? "";
    const joined =
      /;\s*$/.test(text) && /^\s*\/\/\s*\{/.test(next) ? `${text} ${next.trim()}` : text;
    const m = STATED_LINE.exec(joined);
    if (!m) return text;
    const [, indent, expr = "", thrown, literal, object] = m;
    const value = literal ?? object;
    const index = stated.push({ line, expr, value, throws: value ? undefined : { name: thrown } });
    return `${indent}await __stated(${index - 1}, async () => (${expr}));`;
  });
  const helper = `const __stated = async (i: number, f: () => Promise<unknown>) => { try { console.log(${JSON.stringify(MARK)}, i, "value", await f()); } catch (e) { console.log(${JSON.stringify(MARK)}, i, "threw", e); } };`;
  return { code: [helper, ...lines].join("\n"), stated };
}

/** The class of `value` and its ancestors: a `MoneyError` is thrown when a subclass is. */
function classNames(value: unknown): string[] {
  const names: string[] = [];
  for (let p = Object.getPrototypeOf(value); p && p !== Object.prototype; ) {
    names.push(p.constructor.name);
    p = Object.getPrototypeOf(p);
  }
  return names;
}

/** Where `got` differs from the object literal `stated` (all its keys when it has no `...`). */
function objectProblems(at: string, stated: string, got: unknown): string[] {
  const partial = /,\s*\.\.\.\s*\}$/.test(stated);
  const expected = new Function(`return (${stated.replace(/,\s*\.\.\.\s*\}$/, " }")})`)();
  const actual = got as Record<string, unknown>;
  const keys = partial ? Object.keys(expected) : Object.keys({ ...expected, ...actual });
  const same = keys.every((k) => JSON.stringify(actual?.[k]) === JSON.stringify(expected[k]));
  return same ? [] : [`${at}: gives ${JSON.stringify(got)}, where it says ${stated}`];
}

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

/** Where a run of {@link instrument}ed code differs from what it states, one line each. */
export function statedProblems(stated: readonly Stated[], run: SnippetRun): string[] {
  const results = new Map(
    run.logs.filter((args) => args[0] === MARK).map((args) => [args[1] as number, args.slice(2)]),
  );
  return stated.flatMap((s, index): string[] => {
    const [kind, got] = results.get(index) ?? ["not run"];
    const at = `line ${s.line + 1}: ${s.expr}`;
    if (kind === "not run") return [`${at}: never ran`];
    if (s.throws) {
      if (kind !== "threw") return [`${at}: says it throws, but gives ${String(got)}`];
      const names = classNames(got);
      // An example that names no error still must not throw for being broken itself.
      if (!s.throws.name && names[0] === "ReferenceError") return [`${at}: threw ${String(got)}`];
      return s.throws.name && !names.includes(s.throws.name)
        ? [`${at}: throws ${names[0]}, where it says ${s.throws.name}`]
        : [];
    }
    if (kind === "threw") return [`${at}: threw ${String(got)}`];
    const printed = typeof got === "string" ? JSON.stringify(spaces(got)) : String(got);
    if (s.value?.startsWith("{")) return objectProblems(at, s.value, got);
    return printed === s.value ? [] : [`${at}: gives ${printed}, where it says ${s.value}`];
  });
}
