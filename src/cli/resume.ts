import type { GetArgs } from "./args.js";
import { UNSEEN_CHARS } from "./visible.js";

/** Where an interrupted or failed walk goes on: a cursor, or Cost Explorer's page number. */
export type ResumePoint = { cursor: string } | { page: number };

/** What a stopped walk had done: the counts its resume command takes off the limits. */
export interface WalkDone {
  /** Items received, taken off `--max-items` (which caps the walk). */
  items: number;
  /** Items written, taken off `--top` (which caps the output). */
  shown: number;
}

/**
 * The `kubeadapt get` command line that goes on where a walk stopped: every flag of the
 * original (normalized), `--query cursor=…` (or `page=…`) instead of the start, `--max-items`
 * lowered by the items already received and `--top` by the items already written, so the two
 * runs together write and count what one run would have. Each word is quoted for a POSIX shell.
 * @returns the command, or undefined when `--top` is reached and no `--sum` needs the rest
 */
export function resumeCommand(args: GetArgs, at: ResumePoint, done: WalkDone): string | undefined {
  const top = args.top === undefined ? undefined : Math.max(0, args.top - done.shown);
  // With nothing left to write, the rest of the walk only matters to a total.
  if (top === 0 && args.sum === undefined) return undefined;
  const words = ["kubeadapt", "get", args.path];
  const flag = (name: string, value: string | number | undefined) => {
    if (value !== undefined) words.push(`--${name}`, String(value));
  };
  const toggle = (name: string, on: boolean) => {
    if (on) words.push(`--${name}`);
  };
  toggle("all", args.all);
  for (const [key, value] of Object.entries(args.query)) {
    if (key !== "cursor" && key !== "page") flag("query", `${key}=${value}`);
  }
  flag("query", "cursor" in at ? `cursor=${at.cursor}` : `page=${at.page}`);
  flag("limit", args.limit);
  flag("format", args.format);
  flag("columns", args.columns);
  flag("sum", args.sum);
  flag("top", top);
  flag("max-items", args.maxItems === undefined ? undefined : args.maxItems - done.items);
  flag("output", args.output);
  flag("timeout", args.timeout);
  flag("base-url", args.baseUrl);
  toggle("allow-insecure-http", args.allowInsecureHttp);
  toggle("demo", args.demo);
  if (args.progress !== undefined) words.push(args.progress ? "--progress" : "--no-progress");
  return words.map(shellQuote).join(" ");
}

/**
 * `word` as one word for a shell: bare when safe, else in single quotes (POSIX), or, when it
 * holds control or bidi control characters (a cursor is the server's text), as `$'…'` with each
 * of them, `'` and `\` escaped, so that none reaches the terminal raw (ESC could rewrite the
 * screen, a line break forge a line, U+202E show the line reordered). bash, zsh, ksh and
 * POSIX.1-2024 shells read `$'…'` back as the word; one without it (dash) reads a `$` and one
 * single-quoted word, which runs nothing.
 */
export function shellQuote(word: string): string {
  if (/^[\w./:=@%+,-]+$/.test(word)) return word;
  if (!CONTROL.test(word)) return `'${word.replace(/'/g, `'\\''`)}'`;
  return `$'${word.replace(ESCAPED, (c) => (c === "\\" ? "\\\\" : hexBytes(c)))}'`;
}

// What `visible` escapes, bidi controls too: raw, one would show the rest of the command
// reordered on a bidi-aware terminal (its --max-items and --top among it).
const CONTROL = new RegExp(`[${UNSEEN_CHARS}]`, "u");
const ESCAPED = new RegExp(`[${UNSEEN_CHARS}'\\\\]`, "gu");

// `\xHH` for each UTF-8 byte: C1 controls take two, and `\u` is not in every shell's `$'…'`.
const hexBytes = (c: string) =>
  [...Buffer.from(c, "utf8")].map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("");
