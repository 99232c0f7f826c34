import { clip } from "../internal/clip.js";
import { plural } from "./summary.js";

// A JSON string (skipped: digits in it are text) or a JSON number.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const PARTS = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
// A body worth tokenizing: a number (after ":", "," or "[") with an exponent or 16 characters
// or more. Most bodies have none, and the tokenizer costs about twice what JSON.parse does.
const SUSPECT = /[:,[]\s*-?\d[\d.]*[eE]|[:,[]\s*-?\d[\d.]{15}/;
// Up to 15 significant digits and no exponent: every such decimal comes back from a double.
const SHORT = /^-?[\d.]{1,16}$/;

/**
 * Whether `token`, a JSON number, reads back as itself once `JSON.parse` has made it a double
 * and the CLI writes it again (`String`, `JSON.stringify`): false for integers past 2^53
 * (`12345678901234567891` comes back `12345678901234567000`), more significant digits than a
 * double holds, and values out of its range (`1e400` becomes `Infinity`, written as `null`).
 */
export function readsBack(token: string): boolean {
  if (SHORT.test(token) && token.replace(/[-.]/g, "").length <= 15) return true;
  const back = String(Number(token));
  const a = normalize(token);
  const b = normalize(back);
  return a !== undefined && a === b;
}

// `text` as sign, significant digits and exponent ("-1.50" and "-15e-1" both "-15e-1"), so
// that two spellings of one value compare equal; undefined for "Infinity" and "NaN".
function normalize(text: string): string | undefined {
  const match = PARTS.exec(text);
  if (!match) return undefined;
  const [, whole = "", fraction = "", exponent = "0"] = match;
  let digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return "0";
  let power = BigInt(exponent) - BigInt(fraction.length);
  const zeros = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - zeros);
  power += BigInt(zeros);
  return `${text.startsWith("-") ? "-" : ""}${digits}e${power}`;
}

/** The numbers of the responses read so far that do not read back exactly. */
export interface InexactNumbers {
  /** How many there were. */
  readonly count: number;
  /** The first few, as the server sent them. */
  readonly examples: readonly string[];
  /** Looks at the text of a JSON body before it is parsed (give it to `tapJsonBodies`). */
  look(text: string): void;
}

const EXAMPLES = 3;

/**
 * Finds the numbers in the API's JSON bodies that `JSON.parse` cannot hold, so that the CLI can
 * say it writes them changed: the SDK parses every body as JSON, and a number such as
 * `12345678901234567891` would otherwise be written as `12345678901234567000` without a word.
 */
export function findInexactNumbers(): InexactNumbers {
  const examples: string[] = [];
  let count = 0;
  const look = (text: string) => {
    if (!SUSPECT.test(text)) return;
    for (const [token] of text.matchAll(TOKEN)) {
      if (token.startsWith('"') || readsBack(token)) continue;
      count++;
      if (examples.length < EXAMPLES) examples.push(clip(token));
    }
  };
  return {
    get count() {
      return count;
    },
    examples,
    look,
  };
}

/**
 * The note for stderr when some numbers were written changed, naming the first few as the
 * server sent them; undefined when every number read back exactly.
 */
export function inexactNote(numbers: InexactNumbers): string | undefined {
  if (numbers.count === 0) return undefined;
  return `note: the server sent ${plural(numbers.count, "number")} that JSON parsing cannot hold exactly (more digits than a double holds, or beyond its range); where the output shows one, it is rounded, or null beyond the range (an empty cell in a table, CSV or TSV): ${numbers.examples.join(", ")}${numbers.count > numbers.examples.length ? ", …" : ""}`;
}
