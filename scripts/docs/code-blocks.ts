import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Lexer, type Token, type Tokens, walkTokens } from "marked";
import { repoRoot } from "../lib/exec.js";

/** Fence languages that are TypeScript. */
const TYPESCRIPT = new Set(["ts", "typescript", "mts", "cts", "tsx"]);

/** A TypeScript code block of a markdown file. */
export interface CodeBlock {
  /** The markdown file, relative to the repo root. */
  file: string;
  /** 1-based line of the block's first code line in `file`. */
  line: number;
  code: string;
  /** Fenced as ```` ```ts fragment ````: part of a program, not checked on its own. */
  fragment: boolean;
}

/**
 * Every TypeScript fenced block of `markdown` (also inside lists and quotes), with the line
 * where its code starts. A block whose info string has the word `fragment` is marked so.
 */
export function extractCodeBlocks(markdown: string, file: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  let searchFrom = 0;
  walkTokens(Lexer.lex(markdown, { gfm: true }) as Token[], (token) => {
    if (token.type !== "code") return;
    const { lang = "", text, codeBlockStyle } = token as Tokens.Code;
    const words = lang.trim().split(/\s+/);
    if (codeBlockStyle === "indented" || !TYPESCRIPT.has(words[0] ?? "")) return;
    // The fence line: the next line at or after searchFrom that opens a fence with this info.
    const fence = lines.findIndex(
      (candidate, index) =>
        index >= searchFrom &&
        /^\s*(>\s*)*(```|~~~)/.test(candidate) &&
        candidate.includes(lang.trim()),
    );
    const line = fence === -1 ? 0 : fence + 2;
    searchFrom = fence === -1 ? searchFrom : fence + 1 + text.split("\n").length;
    blocks.push({ file, line, code: text, fragment: words.includes("fragment") });
  });
  return blocks;
}

/** README.md and every `docs/guides/*.md`, relative to `root`. */
export function documentationFiles(root: string = repoRoot): string[] {
  const guides = join(root, "docs", "guides");
  let files: string[] = [];
  try {
    files = readdirSync(guides).filter((file) => file.endsWith(".md"));
  } catch {
    // no guides yet
  }
  return ["README.md", ...files.sort().map((file) => relative(root, join(guides, file)))];
}

/** The TypeScript blocks of the project's documentation files. */
export function documentationBlocks(root: string = repoRoot): CodeBlock[] {
  return documentationFiles(root).flatMap((file) =>
    extractCodeBlocks(readFileSync(join(root, file), "utf8"), file),
  );
}
