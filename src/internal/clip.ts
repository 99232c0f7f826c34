/**
 * `text` cut to at most `max` characters (code points) for a message that quotes it, with `…`
 * where the cut is: its start and its end stay, so a quoted number keeps its sign, its first
 * digits, its last digits and its exponent (`1234567890…1234567890`, `1.000000…000001e5`), and
 * never reads as another number the way a plain cut does.
 * @default max 40
 */
export function clip(text: string, max = 40): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const tail = Math.floor((max - 1) / 2);
  return `${chars.slice(0, max - 1 - tail).join("")}…${chars.slice(-tail).join("")}`;
}
