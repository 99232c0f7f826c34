/** What replaces a secret in text we show. */
export const REDACTED = "[REDACTED]";

// Anything shaped like a Kubeadapt API key, even one that is not this client's token.
const KEY_SHAPE = /\bka_(?:live|test)_[A-Za-z0-9_-]+/g;

/**
 * Removes `token` (when given) and anything shaped `ka_live_…` / `ka_test_…` from `text`, for
 * server-provided messages that may echo a credential.
 */
export function redact(text: string, token?: string): string {
  let out = text;
  if (token && token.length >= WHOLE_WORD_BELOW) out = out.replaceAll(token, REDACTED);
  else if (token) out = out.replace(wholeWord(token), REDACTED);
  return out.replace(KEY_SHAPE, REDACTED);
}

// A real token is long and is removed wherever it appears, even inside other text; a short
// test token ("t") is removed only as a whole word, so it cannot garble "<title>".
const WHOLE_WORD_BELOW = 8;

function wholeWord(token: string): RegExp {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`, "g");
}
