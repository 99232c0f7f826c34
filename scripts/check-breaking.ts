/**
 * `npm run check:breaking`: the release gate for the contract (see scripts/lib/breaking/cli.ts).
 * Usage: tsx scripts/check-breaking.ts [--root DIR] | tsx scripts/check-breaking.ts OLD NEW
 */
import { runCheckBreaking } from "./lib/breaking/cli.js";

process.exitCode = runCheckBreaking(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
