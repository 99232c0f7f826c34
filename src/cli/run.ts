import type { Writable } from "node:stream";
import { isAbortError, isAuthenticationError, isPermissionDeniedError } from "../index.js";
import { type Command, type GetArgs, parseCommand } from "./args.js";
import { CONTRACT_USAGE } from "./contract-args.js";
import { EXIT_CODES } from "./exit-codes.js";
import { FirstPageTorn, planGet, runGet, WalkStopped } from "./get-command.js";
import { describePaths, GET_USAGE, pathsUsage, USAGE } from "./help.js";
import { inexactNote } from "./inexact-numbers.js";
import { writeText } from "./output.js";
import { openOutput } from "./output-file.js";
import { describeError, exitCodeOf, type UrlSetting } from "./report-error.js";
import { resumeCommand } from "./resume.js";
import { resolvePath } from "./spec-paths.js";
import { stoppedAfter, stoppedNotes } from "./stopped.js";
import { summaryLines } from "./summary.js";
import { chooseTarget } from "./target.js";
import { UsageError } from "./usage-error.js";
import { VERSION } from "./version.js";

// The contract command documents itself (its checks come from the suite, loaded on demand).
const contractHelp = async () => (await import("./contract-command.js")).contractHelp();
const HELP = { main: USAGE, get: GET_USAGE, paths: pathsUsage, contract: contractHelp };

/** The process a command line runs in: its streams, environment and interrupt signal. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (a progress bar is drawn only then, unless forced). */
  stderrIsTty: boolean;
  /**
   * Whether stdout is a terminal (the progress bar is then erased before each write of data).
   * @default false
   */
  stdoutIsTty?: boolean | undefined;
  env: Record<string, string | undefined>;
  /** Aborts on Ctrl-C (SIGINT) or SIGTERM: the walk stops and prints how to resume it. */
  signal: AbortSignal;
}

/**
 * Runs the `kubeadapt` command line with `argv` (without node and the script).
 * @returns the exit code: 0 done, 1 API error, 2 usage, 3 cannot connect, 4 incomplete
 *   (contract), 130 interrupted (the bin makes it 143 when the signal was SIGTERM)
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let command: Command | undefined;
  try {
    command = parseCommand(argv);
    if (command.name === "help") {
      const help = HELP[command.topic];
      const text = typeof help === "function" ? await help() : help;
      // Awaited like the data: a write that fails (a full disk) fails the command.
      await writeText(
        io.stdout,
        `${command.topic === "get" ? `${text}\n\n${describePaths()}` : text}\n`,
      );
      return EXIT_CODES.ok;
    }
    if (command.name === "paths") {
      await writeText(io.stdout, `${describePaths()}\n`);
      return EXIT_CODES.ok;
    }
    if (command.name === "version") {
      await writeText(io.stdout, `${VERSION}\n`);
      return EXIT_CODES.ok;
    }
    if (command.name === "contract") {
      const { runContractCommand } = await import("./contract-command.js");
      return await runContractCommand(command.args, io);
    }
    return await get(command.args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const text =
        argv[0] === "get"
          ? GET_USAGE
          : argv[0] === "contract"
            ? CONTRACT_USAGE
            : argv[0] === "paths"
              ? pathsUsage()
              : USAGE;
      const usage = text.split("\n\n")[0];
      io.stderr.write(`error: ${error.message}\n\n${usage}\n(--help for more)\n`);
      return EXIT_CODES.usage;
    }
    if (isBrokenPipe(error)) return EXIT_CODES.ok;
    const interrupted = io.signal.aborted && isAbortError(error);
    // Planned already (a mistake in the path would be a UsageError, above).
    const template = command?.name === "get" ? resolvePath(command.args.path)?.template : undefined;
    const setting = command?.name === "get" ? urlSetting(command.args) : undefined;
    io.stderr.write(
      interrupted
        ? "interrupted before the first page: nothing written\n"
        : describeError(error, { template, setting }),
    );
    return exitCodeOf(error, io.signal.aborted);
  }
}

async function get(args: GetArgs, io: CliIo): Promise<number> {
  const { signal, stderr } = io;
  // Everything the spec can check is checked before the first request.
  const plan = planGet(args);
  const target = chooseTarget({ ...args, env: io.env, stderr });
  const file = args.output === undefined ? undefined : await openOutput(args.output, signal);
  if (target.demo) stderr.write(`${target.demo}\n`);
  // Whether the command got to write its output: else a previous --output file is kept.
  let wrote = false;
  try {
    const stdout = file?.stream ?? io.stdout;
    const out = {
      stdout,
      stderr,
      stderrIsTty: io.stderrIsTty,
      // The --output file is no terminal, whatever stdout is.
      stdoutIsTty: file === undefined && io.stdoutIsTty === true,
      term: io.env.TERM,
      signal,
    };
    const summary = await runGet(target.ka, args, plan, out, target);
    wrote = true;
    stderr.write(summaryLines(summary, args));
    const inexact = inexactNote(target.numbers);
    if (inexact) stderr.write(`${inexact}\n`);
    return EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof FirstPageTorn) {
      const context = { template: plan.resolved.template, setting: urlSetting(args) };
      // Ctrl-C ends a write that waits (a FIFO nobody reads): an interruption, not a failure.
      const interrupted = signal.aborted && isAbortError(error.cause);
      const said = interrupted
        ? "interrupted during the first page's write\n"
        : describeError(error.cause, context);
      stderr.write(`${said}  ${error.note}\n`);
      return exitCodeOf(error.cause, signal.aborted);
    }
    if (!(error instanceof WalkStopped)) {
      // A refusal from where the base URL redirected to is the redirect's, not the token's.
      const refused = isAuthenticationError(error) || isPermissionDeniedError(error);
      const redirectedTo = refused ? await target.redirectedTo(signal) : undefined;
      if (redirectedTo === undefined) throw error;
      const context = { template: plan.resolved.template, setting: urlSetting(args) };
      stderr.write(describeError(error, { ...context, redirectedTo }));
      return exitCodeOf(error, signal.aborted);
    }
    wrote = true;
    const resume = resumeCommand(args, error.at, error);
    const interrupted = signal.aborted && isAbortError(error.cause);
    const inexact = inexactNote(target.numbers);
    const note = `${stoppedNotes(error, args, resume)}${inexact ? `  ${inexact}\n` : ""}`;
    stderr.write(
      interrupted
        ? `interrupted after ${stoppedAfter(error, args)}\n${resume ? `  resume with: ${resume}\n` : ""}${note}`
        : `${describeError(error.cause, { resume, template: plan.resolved.template, setting: urlSetting(args) })}${note}`,
    );
    return exitCodeOf(error.cause, signal.aborted);
  } finally {
    await target.close();
    await file?.close(wrote);
  }
}

// The setting the hints name: the flag wins over the variable, as in chooseTarget.
const urlSetting = (args: GetArgs): UrlSetting =>
  args.baseUrl === undefined ? "KUBEADAPT_BASE_URL" : "--base-url";

// `kubeadapt get ... | head` closes stdout early: that is the reader's choice, not a failure.
function isBrokenPipe(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "EPIPE";
}
