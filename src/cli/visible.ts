const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `text` as one line of plain text for a terminal: control characters (C0, DEL, C1) shown as
 * escapes, as JSON writes them. Text from the server (a name, an error message) could otherwise
 * start a line of its own (a fake TOTAL row, a fake summary) or, with an escape sequence, move
 * the cursor and rewrite what is on screen.
 */
export function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
