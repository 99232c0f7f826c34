/** What replaces a secret in text we show. */
export const REDACTED = "[REDACTED]";

// Anything shaped like a Kubeadapt API key, even one that is not this client's token.
const KEY_SHAPE = /\bka_(live|test)_[\w-]+/g;

/**
 * Removes `token` (when given), as sent or percent-encoded, and anything shaped `ka_live_…` /
 * `ka_test_…` from `text`, for server-provided messages that may echo a credential.
 */
export const redact = (text: string, token?: string): string => {
  // Percent-encoded too: a server may echo it in a URL (a redirect's query, an error page).
  for (const spelling of token ? [token, encodeURIComponent(token)] : []) {
    // Every non-word character escaped: an identity escape (`\-`, `\<`) matches the character
    // itself in a RegExp without the `u` flag, and word characters are never escaped.
    const escaped = spelling.replace(/\W/g, "\\$&");
    // A real token is long and is removed wherever it appears, even inside other text; a short
    // test token ("t") is removed only as a whole word, so it cannot garble "<title>".
    const pattern = spelling.length < 8 ? `(?<![\\w-])${escaped}(?![\\w-])` : escaped;
    text = text.replace(new RegExp(pattern, "g"), REDACTED);
  }
  return text.replace(KEY_SHAPE, REDACTED);
};
