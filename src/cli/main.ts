#!/usr/bin/env node
import { parseCommand, USAGE } from "./args.js";
import { runGet } from "./get-command.js";
import { describeError } from "./report-error.js";
import { chooseTarget } from "./target.js";
import { UsageError } from "./usage-error.js";
import { VERSION } from "./version.js";

/**
 * Runs the `kubeadapt` command line with `argv` (without node and the script).
 * @returns the process exit code: 0 done, 1 the API or network failed, 2 a usage mistake
 */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const command = parseCommand(argv);
    if (command.name === "help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command.name === "version") {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command.name === "contract") {
      const { runContractCommand } = await import("./contract-command.js");
      return await runContractCommand(command.args);
    }
    const { args } = command;
    const target = chooseTarget({ baseUrl: args.baseUrl, demo: args.demo, env: process.env });
    if (target.demo) {
      process.stderr.write("using the embedded demo API (no KUBEADAPT_API_TOKEN or base URL)\n");
    }
    const summary = await runGet(target.ka, args, {
      stdout: process.stdout,
      stderr: process.stderr,
      stderrIsTty: process.stderr.isTTY === true,
      signal: controller.signal,
    });
    const seconds = (summary.ms / 1000).toFixed(2);
    process.stderr.write(`${summary.items} items, ${summary.pages} pages in ${seconds} s\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (isBrokenPipe(error)) return 0;
    process.stderr.write(describeError(error));
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

// `kubeadapt get ... | head` closes stdout early: that is the reader's choice, not a failure.
function isBrokenPipe(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "EPIPE";
}

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
