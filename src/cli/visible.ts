const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * The characters a terminal must not get raw, as the inside of a `u`-flag RegExp class: C0, DEL
 * and C1 controls, and Unicode's bidi controls (U+061C, U+200E-F, U+202A-E, U+2066-9). Those
 * print nothing themselves, but on a bidi-aware terminal (VTE, Konsole) one in a name reorders
 * the rest of its line, so `12.4800 USD` would read `DSU 0084.21`.
 */
export const UNSEEN_CHARS = "\\u0000-\\u001f\\u007f-\\u009f\\p{Bidi_Control}";
const UNSEEN = new RegExp(`[${UNSEEN_CHARS}]`, "gu");
// Those JSON.stringify leaves raw (it escapes C0 itself; a pretty-printed text's line breaks
// are its own).
const UNSEEN_IN_JSON = /[\u007f-\u009f\p{Bidi_Control}]/gu;

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * `text` as one line of plain text for a terminal: control characters (C0, DEL, C1) and bidi
 * controls shown as `\uXXXX` escapes, as JSON writes them. Text from the server (a name, an
 * error message) could otherwise start a line of its own (a fake TOTAL row, a fake summary),
 * with an escape sequence move the cursor and rewrite what is on screen, or with a bidi control
 * show the numbers beside it reordered.
 */
export function visible(text: string): string {
  return text.replace(UNSEEN, (c) => SHORT[c] ?? unicodeEscape(c));
}

/**
 * JSON text (JSON.stringify's) with the characters {@link visible} escapes that JSON.stringify
 * leaves raw (DEL, C1, bidi controls) as `\uXXXX` escapes. The value is the same (outside its
 * strings JSON text is ASCII), so a parser reads back every name as the server sent it, but
 * NDJSON on a terminal, the default, shows no line reordered or rewritten.
 */
export function visibleJson(json: string): string {
  return json.replace(UNSEEN_IN_JSON, unicodeEscape);
}
