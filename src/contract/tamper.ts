/**
 * Changed copies of a cursor that a server must refuse as modified. Many servers encode a
 * cursor as base64 of a JSON payload and sign it; changing one base64 character mostly breaks
 * the JSON, which even a server that never checks its signature refuses. So besides one changed
 * character, a cursor that decodes to JSON gets a copy whose JSON stays well-formed: one
 * character changed in its longest string (a signature, an id), encoded as the server did.
 */
export function tamperings(cursor: string): string[] {
  const edited = editPayload(cursor);
  return edited === undefined ? [changeMiddle(cursor)] : [edited, changeMiddle(cursor)];
}

/** The cursor with the character in its middle replaced: the plainest modified cursor. */
export function changeMiddle(cursor: string): string {
  const i = Math.floor(cursor.length / 2);
  const replacement = cursor[i] === "A" ? "B" : "A";
  return `${cursor.slice(0, i)}${replacement}${cursor.slice(i + 1)}`;
}

/** The base64 (or base64url) JSON payload with one string changed, re-encoded alike. */
function editPayload(cursor: string): string | undefined {
  const url = /^[A-Za-z0-9_-]+$/.test(cursor);
  if (!url && !/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined;
  let payload: unknown;
  try {
    const binary = atob(url ? cursor.replace(/-/g, "+").replace(/_/g, "/") : cursor);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof payload !== "object" || payload === null || !changeLongestString(payload)) {
    return undefined;
  }
  let binary = "";
  for (const b of new TextEncoder().encode(JSON.stringify(payload)))
    binary += String.fromCharCode(b);
  const encoded = btoa(binary);
  if (!url) return cursor.endsWith("=") ? encoded : encoded.replace(/=+$/, "");
  return encoded.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Changes, in place, the first letter or digit of the longest string in `node`; false if none. */
function changeLongestString(node: object): boolean {
  let best: { holder: Record<string, unknown>; key: string; value: string } | undefined;
  const visit = (holder: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(holder)) {
      if (typeof value === "string" && /[A-Za-z0-9]/.test(value)) {
        if (!best || value.length > best.value.length) best = { holder, key, value };
      } else if (typeof value === "object" && value !== null) {
        visit(value as Record<string, unknown>);
      }
    }
  };
  visit(node as Record<string, unknown>);
  if (!best) return false;
  const { holder, key, value } = best;
  // The first one: the last character of base64 text may carry only padding bits, and a
  // decoder would read the changed signature as the same bytes.
  const at = value.search(/[A-Za-z0-9]/);
  const c = value[at] as string;
  const swapped =
    c === "0"
      ? "1"
      : /[0-9]/.test(c)
        ? "0"
        : c === "a"
          ? "b"
          : c === "A"
            ? "B"
            : c === c.toLowerCase()
              ? "a"
              : "A";
  holder[key] = `${value.slice(0, at)}${swapped}${value.slice(at + 1)}`;
  return true;
}
