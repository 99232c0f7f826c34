import ts from "typescript";
import { checkQuery } from "../../src/cli/query-check.js";
import { parametersOfPath } from "../../src/cli/spec-paths.js";

/** One `params.query` key a snippet passes for a `/v1/…` path, with its value if a literal. */
export interface SnippetQuery {
  path: string;
  key: string;
  /** The value as it is sent, when the snippet writes it as a literal. */
  value?: string;
  /** 1-based line in the snippet. */
  line: number;
}

// `x as const`, `x satisfies T` and `(x)` are the object they wrap.
function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isParenthesizedExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The object literal an expression is, following an identifier to its variable's initializer:
 * a hoisted `const params = {…} as const` escapes TypeScript's excess-property check, which is
 * how a misspelt key compiled.
 */
function objectOf(
  node: ts.Expression | undefined,
  variables: Map<string, ts.Expression>,
): ts.ObjectLiteralExpression | undefined {
  if (node === undefined) return undefined;
  const bare = unwrap(node);
  if (ts.isIdentifier(bare)) return objectOf(variables.get(bare.text), variables);
  return ts.isObjectLiteralExpression(bare) ? bare : undefined;
}

/** The value of property `name` of an object literal (`name: x`, or shorthand `name`). */
function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const prop of object.properties) {
    if (prop.name === undefined || prop.name.getText() !== name) continue;
    if (ts.isPropertyAssignment(prop)) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop)) return prop.name;
  }
  return undefined;
}

function literalText(node: ts.Expression): string | undefined {
  const bare = unwrap(node);
  if (ts.isStringLiteral(bare) || ts.isNoSubstitutionTemplateLiteral(bare)) return bare.text;
  if (ts.isNumericLiteral(bare)) return String(Number(bare.text));
  if (bare.kind === ts.SyntaxKind.TrueKeyword) return "true";
  if (bare.kind === ts.SyntaxKind.FalseKeyword) return "false";
  return undefined;
}

/**
 * Every query key a snippet passes to a call whose first argument is a `/v1/…` path
 * (`ka.paginate`, `ka.paginateOffset`, `ka.client.GET`, …) in `{ params: { query } }`.
 */
export function snippetQueries(code: string): SnippetQuery[] {
  const source = ts.createSourceFile("snippet.ts", code, ts.ScriptTarget.Latest, true);
  const variables = new Map<string, ts.Expression>();
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      variables.set(node.name.text, node.initializer);
    }
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls.flatMap((call) => {
    const [first, init] = call.arguments;
    if (!first || !ts.isStringLiteralLike(first) || !first.text.startsWith("/v1/")) return [];
    const options = objectOf(init, variables);
    const params = options && objectOf(property(options, "params"), variables);
    const query = params && objectOf(property(params, "query"), variables);
    if (!query) return [];
    return query.properties.flatMap((prop) => {
      if (ts.isSpreadAssignment(prop) || !prop.name) return [];
      const value = ts.isPropertyAssignment(prop) ? literalText(prop.initializer) : undefined;
      const line = source.getLineAndCharacterOfPosition(prop.getStart()).line + 1;
      const key = ts.isStringLiteral(prop.name) ? prop.name.text : prop.name.getText();
      return [{ path: first.text, key, line, ...(value === undefined ? {} : { value }) }];
    });
  });
}

/**
 * What a snippet's queries get wrong against the spec, each as `line: message`: a key the path
 * does not take, or a literal value its schema rejects (the CLI's own `--query` checks).
 */
export function snippetQueryProblems(code: string): string[] {
  return snippetQueries(code).flatMap(({ path, key, value, line }) => {
    const keys = parametersOfPath(path)
      .filter((param) => param.in === "query")
      .map((param) => param.name);
    if (!keys.includes(key)) {
      return [`${line}: GET ${path} has no query parameter "${key}"; its keys: ${keys.join(", ")}`];
    }
    if (value === undefined) return [];
    try {
      checkQuery(path, [{ name: key, value, given: `query.${key}` }]);
      return [];
    } catch (error) {
      return [`${line}: ${(error as Error).message}`];
    }
  });
}
