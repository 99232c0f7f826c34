/**
 * Fence languages whose lines are typed at a shell or run by CI. Elsewhere (code, a layout, a
 * log) the word `kubeadapt` is not a command.
 */
const SHELL = new Set(["sh", "bash", "shell", "console", "yaml", "yml"]);

/** Stands in for a `<placeholder>` of a command line: ids are UUIDs, so a UUID passes as one. */
const PLACEHOLDER_VALUE = "00000000-0000-4000-8000-000000000000";

/** A `kubeadapt` command line shown in a fenced block of a markdown file. */
export interface DocCommand {
  /** The markdown file, as given. */
  file: string;
  /** 1-based line of the command in `file` (its first line, when continued with `\`). */
  line: number;
  /** The words after `kubeadapt`, unquoted, with `<placeholders>` filled in. */
  argv: string[];
  /** Stdout goes to a file or a pipe (`>`, `|`): a console block then shows stderr only. */
  redirected: boolean;
  /**
   * In a `console` block, the lines shown after `$ kubeadapt …`, up to the next prompt or blank
   * line; undefined elsewhere.
   */
  output: string[] | undefined;
}

/**
 * The words of one shell line as a POSIX shell splits them: quotes removed, a `#` comment
 * dropped, and each of `|`, `>`, `<`, `;`, `&` (starting a word) kept as a word of its own.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === "'" || char === '"') {
      const end = line.indexOf(char, i + 1);
      word = (word ?? "") + line.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? line.length : end;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (word === undefined && char === "#") {
      break;
    } else if (word === undefined && "|><;&".includes(char)) {
      words.push(char);
    } else {
      word = (word ?? "") + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The command after the word `kubeadapt` on `line`, or undefined when it has none. */
function commandOf(line: string): Pick<DocCommand, "argv" | "redirected"> | undefined {
  const words = shellWords(line);
  const start = words.indexOf("kubeadapt");
  if (start === -1) return undefined;
  const rest = words.slice(start + 1);
  const end = rest.findIndex((word) => "|><;&".includes(word));
  const argv = (end === -1 ? rest : rest.slice(0, end))
    .filter((word) => !word.startsWith("$")) // "$@" in a CI script: whatever the job adds
    .map((word) => word.replace(/<[a-z_-]+>/g, PLACEHOLDER_VALUE));
  if (argv.length === 0) return undefined; // `npm install kubeadapt`
  return { argv, redirected: end !== -1 && "|>".includes(rest[end] as string) };
}

/**
 * Every `kubeadapt …` command line in the shell, console and CI (`yaml`) blocks of
 * `markdown`, lines continued with `\` joined. In a `console` block
 * only lines starting with `$ ` are commands, and the lines after one are its shown output.
 */
export function extractCommands(markdown: string, file: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const lines = markdown.split("\n");
  let fence: { marker: string; lang: string } | undefined;
  let current: DocCommand | undefined;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] as string;
    const opening = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(text);
    if (fence === undefined) {
      if (opening) fence = { marker: opening[1] as string, lang: opening[2] as string };
      continue;
    }
    if (text.trim().startsWith(fence.marker)) {
      fence = undefined;
      current = undefined;
      continue;
    }
    if (!SHELL.has(fence.lang)) continue;
    const line = index + 1;
    let joined = text;
    while (joined.endsWith("\\") && index + 1 < lines.length) {
      joined = `${joined.slice(0, -1)} ${lines[++index]}`;
    }
    if (fence.lang === "console") {
      if (joined.startsWith("$ ")) {
        const command = commandOf(joined.slice(2));
        current = command && { file, line, ...command, output: [] };
        if (current) commands.push(current);
      } else if (joined.trim() === "") {
        current = undefined;
      } else {
        current?.output?.push(joined);
      }
      continue;
    }
    const command = commandOf(joined);
    if (command) commands.push({ file, line, ...command, output: undefined });
  }
  return commands;
}
