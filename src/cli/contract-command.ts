import { constants } from "node:fs";
import { access, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  type ContractOptions,
  type ContractReport,
  contractChecks,
  formatHeading,
  formatResult,
  formatSummary,
  githubAnnotations,
  runContract,
  toJsonReport,
  toJUnitXml,
} from "../contract/index.js";
import { isKubeadaptError } from "../index.js";
import { createFakeKubeadapt, fakeContractHooks } from "../testing/index.js";
import { type CallbackWriter, type CheckedWrites, checkedWrites } from "./checked-writes.js";
import { type CommandFetch, commandFetch } from "./command-fetch.js";
import { CONTRACT_USAGE, type ContractArgs } from "./contract-args.js";
import { contractEnd } from "./contract-exit.js";
import { readCursorFile, writeCursorFile } from "./cursor-file.js";
import { EXIT_CODES } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** Where the command writes, its environment, and its interrupt signal. */
export interface ContractIo {
  env: Record<string, string | undefined>;
  /** The text lines or the report: each write's callback must say whether it got through. */
  stdout: CallbackWriter;
  stderr: { write(text: string): unknown };
  /** Aborts on Ctrl-C or SIGTERM: the run stops, reports what ran, and the command exits 130. */
  signal?: AbortSignal | undefined;
}

/** `--help`: the usage, then every check (from the registry) with its one-line title. */
export function contractHelp(): string {
  const width = Math.max(...contractChecks.map((c) => c.id.length));
  const checks = contractChecks.map((c) => `  ${c.id.padEnd(width)}  ${c.title}`);
  return `${CONTRACT_USAGE}\n\nChecks:\n${checks.join("\n")}\n`;
}

/**
 * Runs `kubeadapt contract`: one line per check as it finishes, then a summary (or a JUnit
 * or JSON report), `::error` annotations under GitHub Actions.
 * @returns 0 every check passed or was skipped for a reason of the target or mode, 1 a
 *   violation, 2 a usage mistake, 3 the target could not be tested, 4 incomplete (checks cut
 *   short by --max-requests or --max-duration, or skipped for a token without some families'
 *   scope, unless --allow-incomplete), 130 interrupted (Ctrl-C; the bin exits 143 for
 *   SIGTERM); a run whose stdout could not be written whole exits 1 unless its verdict is
 *   already a failure (a reader that closes the pipe early changes nothing: the verdict stands)
 */
export async function runContractCommand(
  args: ContractArgs,
  io: ContractIo = { env: process.env, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    // Refused options (an unknown --only id, a bad base URL or file) are usage mistakes.
    if (error instanceof UsageError || isKubeadaptError(error)) {
      io.stderr.write(`error: ${(error as Error).message}\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }
}

async function run(args: ContractArgs, io: ContractIo): Promise<number> {
  // `close` lets go of the proxy's connections once the run is done.
  const { close, ...options } = await optionsFor(args, io.env);
  // A report that cannot be written is found out before any request, not after the run.
  await writable("--output", args.output);
  await writableKeeping("--save-cursors", args.saveCursors);
  // The text report streams to stdout unless stdout carries the junit or json report.
  const reportToStdout = args.reporter !== "text" && args.output === undefined;
  const stdout = checkedWrites(io.stdout);
  const text = reportToStdout ? io.stderr : stdout;
  const heading = formatHeading({ mode: options.mode ?? "live", baseUrl: options.baseUrl });
  // The heading comes with the first result, so an untestable target prints its one line only.
  let started = false;
  const report = await runContract({
    ...options,
    signal: io.signal,
    onResult: (result) => {
      if (!started) text.write(`${heading}${args.demo ? " (embedded demo API)" : ""}\n\n`);
      started = true;
      text.write(`${formatResult(result)}\n`);
    },
  }).finally(() => close?.());
  if (report.untestable) io.stderr.write(`error: ${report.untestable}\n`);
  else text.write(`\n${formatSummary(report)}\n`);
  const { allowIncomplete } = args;
  const end = contractEnd(report, { aborted: io.signal?.aborted === true, allowIncomplete });
  if (end.message) io.stderr.write(`${end.message}\n`);
  if (io.env.GITHUB_ACTIONS === "true") {
    for (const line of githubAnnotations(report, { allowIncomplete })) text.write(`${line}\n`);
  }
  await writeReport(args, report, stdout);
  // An untestable run with no cursor to hand on leaves the file alone: an empty list would
  // only make the next run's expiry check a skip.
  const nothingToSave = report.untestable !== undefined && report.cursors.length === 0;
  if (args.saveCursors && !nothingToSave) await writeCursorFile(args.saveCursors, report.cursors);
  // A report cut short (a full disk) must not pass for a whole one.
  const failed = await stdout.settled();
  if (!failed) return end.code;
  io.stderr.write(`error: stdout: ${failed.message}: the report is not all there\n`);
  return end.code === EXIT_CODES.ok ? EXIT_CODES.api : end.code;
}

async function writable(flag: string, file: string | undefined): Promise<void> {
  if (file === undefined) return;
  try {
    await writeFile(file, "");
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot write: ${(error as Error).message}`);
  }
}

/** Like {@link writable}, without creating or emptying the file (a run may leave it alone). */
async function writableKeeping(flag: string, file: string | undefined): Promise<void> {
  if (file === undefined) return;
  try {
    await access(file, constants.W_OK).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
      await access(dirname(file), constants.W_OK);
    });
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot write: ${(error as Error).message}`);
  }
}

async function writeReport(args: ContractArgs, report: ContractReport, stdout: CheckedWrites) {
  if (args.reporter === "text") return;
  const content =
    args.reporter === "junit"
      ? toJUnitXml(report, { allowIncomplete: args.allowIncomplete })
      : toJsonReport(report);
  // writeFile writes it whole or fails; stdout's writes are checked at the end.
  if (args.output) await writeFile(args.output, content);
  else stdout.write(content);
}

async function optionsFor(
  args: ContractArgs,
  env: Record<string, string | undefined>,
): Promise<ContractOptions & { close?: CommandFetch["close"] }> {
  const known = new Set(contractChecks.map((c) => c.id));
  const unknown = (args.only ?? []).filter((id) => !known.has(id));
  if (unknown.length) {
    throw new UsageError(
      `unknown check ${unknown.map((id) => `"${id}"`).join(", ")}; the checks are: ${[...known].join(", ")}`,
    );
  }
  const common = {
    mode: args.mode,
    only: args.only,
    maxRequests: args.maxRequests,
    maxDurationSeconds: args.maxDuration,
    timeoutSeconds: args.timeout,
    seed: args.seed,
    expiredCursors: args.expiredCursors ? await readCursorFile(args.expiredCursors) : undefined,
    expiredCursorsFrom: args.expiredCursors,
  };
  if (args.demo) {
    if (args.baseUrl) throw new UsageError("give --demo or --base-url, not both");
    // A fake with a token of its own, so that it refuses the unknown tokens the suite sends.
    const fake = createFakeKubeadapt({ token: "demo" });
    const hooks = fakeContractHooks(fake);
    return {
      ...common,
      baseUrl: fake.baseUrl,
      token: "demo",
      fetch: fake.fetch,
      hooks,
      rate: args.rate ?? 0,
    };
  }
  const baseUrl = args.baseUrl ?? env.KUBEADAPT_BASE_URL;
  if (!baseUrl) throw new UsageError("give --base-url URL (or set KUBEADAPT_BASE_URL), or --demo");
  // A mock (Prism) checks only that a token is present; a live server needs the real one.
  const token = env.KUBEADAPT_API_TOKEN || (args.mode === "mock" ? "contract-mock" : undefined);
  if (!token) throw new UsageError("set KUBEADAPT_API_TOKEN to a token for the server");
  const sender = commandFetch(env);
  return {
    ...common,
    baseUrl,
    token,
    rate: args.rate,
    allowInsecureHttp: args.allowInsecureHttp,
    fetch: sender,
    close: sender.close,
  };
}
