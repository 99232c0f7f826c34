// testing.md's table names every option of createFakeKubeadapt and every field of setFaults, as
// the types declare them (read from the source with the TypeScript AST), and no other: its
// setFaults row once left out `every`, which contract.md's own snippet uses.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.js";
import { readDoc } from "../helpers/doc-facts.js";

/** Member names of a type literal or interface body, each with its own members if an object. */
type Fields = Map<string, string[]>;

function membersOf(members: ts.NodeArray<ts.TypeElement>): Fields {
  const fields: Fields = new Map();
  for (const member of members) {
    if (!ts.isPropertySignature(member) || !member.name) continue;
    // `{ ... } | undefined` (an option that takes undefined) is that object.
    const type =
      member.type && ts.isUnionTypeNode(member.type) ? onlyDefined(member.type.types) : member.type;
    const nested = type && ts.isTypeLiteralNode(type) ? [...membersOf(type.members).keys()] : [];
    fields.set(member.name.getText(), nested);
  }
  return fields;
}

/** The one type of a union besides `undefined`, if there is just one. */
function onlyDefined(types: ts.NodeArray<ts.TypeNode>): ts.TypeNode | undefined {
  const defined = types.filter((type) => type.kind !== ts.SyntaxKind.UndefinedKeyword);
  return defined.length === 1 ? defined[0] : undefined;
}

/** The fields of interface `name` in `file`. */
function interfaceFields(file: string, name: string): Fields {
  const text = readFileSync(join(repoRoot, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  return found ? membersOf(found.members) : new Map();
}

/** The fields a table cell lists: `` `a: { x, y }` ``, `` `b` ``, or `({ a, b })` in a call. */
function statedFields(cell: string): Fields {
  const call = /\(\{ ([^}]+) \}\)/.exec(cell);
  if (call) return new Map((call[1] as string).split(", ").map((name) => [name, []]));
  // The list ends at the first `;`; a parenthesis explains a field, it names none.
  const list = cell.replace(/\([^)]*\)/g, "").split(";")[0] ?? "";
  return new Map(
    [...list.matchAll(/`(\w+)(?:: \{ ([^}]*) \})?`/g)].map((m) => [
      m[1] as string,
      m[2] ? m[2].split(", ") : [],
    ]),
  );
}

/** How `stated` differs from `declared`, each difference a line. */
function fieldProblems(what: string, stated: Fields, declared: Fields): string[] {
  const problems: string[] = [];
  for (const [name, nested] of declared) {
    if (!stated.has(name)) {
      problems.push(`${what}: leaves out ${name}`);
      continue;
    }
    const said = stated.get(name) ?? [];
    const missing = nested.filter((field) => !said.includes(field));
    const extra = said.filter((field) => !nested.includes(field));
    if (missing.length > 0) problems.push(`${what}: ${name} leaves out ${missing.join(", ")}`);
    if (extra.length > 0) problems.push(`${what}: ${name} has no ${extra.join(", ")}`);
  }
  for (const name of stated.keys()) {
    if (!declared.has(name)) problems.push(`${what}: has no option ${name}`);
  }
  return problems;
}

/** The cells of the table row of `markdown` whose first cell starts with `` `start ``. */
const rowCells = (markdown: string, start: string): string[] =>
  markdown
    .split("\n")
    .find((line) => line.startsWith(`| \`${start}`))
    ?.split(" | ") ?? [];

const options = interfaceFields("src/testing/fake.ts", "FakeKubeadaptOptions");
const faults = interfaceFields("src/testing/faults.ts", "FakeFaults");

function testingProblems(markdown: string): string[] {
  return [
    ...fieldProblems(
      "createFakeKubeadapt",
      statedFields(rowCells(markdown, "createFakeKubeadapt(")[0] ?? ""),
      options,
    ),
    ...fieldProblems(
      "setFaults",
      statedFields(rowCells(markdown, "fake.setFaults(")[1] ?? ""),
      faults,
    ),
  ];
}

describe("testing.md's fake options", () => {
  it("are createFakeKubeadapt's options and setFaults' fields, both ways", () => {
    expect(options.size).toBeGreaterThanOrEqual(8);
    expect(faults.get("serverErrors")).toContain("every");
    expect(testingProblems(readDoc("docs/guides/testing.md"))).toEqual([]);
  });

  it("notice the old setFaults row (no every) and an option that is gone", () => {
    const old = readDoc("docs/guides/testing.md")
      .replace(
        "`serverErrors: { rate, every, status, retryAfterSeconds }`",
        "`serverErrors: { rate, status, retryAfterSeconds }`",
      )
      .replace("`dropConnections: { rate, every }`", "`dropConnections: { rate }`")
      .replace("faults, honorPrefer })", "faults, honorPrefer, clock })");
    expect(testingProblems(old)).toEqual([
      "createFakeKubeadapt: has no option clock",
      "setFaults: serverErrors leaves out every",
      "setFaults: dropConnections leaves out every",
    ]);
  });
});
