import { Writable } from "node:stream";
import { runCli } from "../../src/cli/run.js";

/** What one in-process run of the command line printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

/**
 * Runs the command line in this process on captured streams (the process tests in
 * cli.test.ts cover the bin itself: exit codes, signals, pipes).
 * @param argv - the words, or one string split at spaces (for words without spaces)
 */
export async function runInProcess(
  argv: string[] | string,
  env: Record<string, string> = {},
  signal: AbortSignal = new AbortController().signal,
): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const words = typeof argv === "string" ? argv.split(" ") : argv;
  const code = await runCli(words, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stderrIsTty: false,
    env,
    signal,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
