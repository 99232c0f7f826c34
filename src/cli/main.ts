#!/usr/bin/env node
import { closedStdoutNote } from "./closed-stdout.js";
import { dataStdout } from "./data-stdout.js";
import { EXIT_CODES } from "./exit-codes.js";
import { runCli } from "./run.js";
import { endIfStdoutStalls } from "./stalled-stdout.js";

// The `kubeadapt` bin: the command line on this process's streams, Ctrl-C as an abort signal.
// SIGTERM (a CI job's timeout or cancel, `timeout(1)`, a pod's deadline) stops it the same way,
// so the report of what ran and the resume line still come out; only the exit code tells them apart.
const controller = new AbortController();
let terminated = false;
const stdout = dataStdout();
process.once("SIGINT", () => {
  controller.abort();
  endIfStdoutStalls(stdout, process.stderr, EXIT_CODES.interrupted);
});
process.once("SIGTERM", () => {
  terminated = true;
  controller.abort();
  endIfStdoutStalls(stdout, process.stderr, EXIT_CODES.terminated);
});

const argv = process.argv.slice(2);
const note = closedStdoutNote(process.stderr.isTTY === true);
if (note) process.stderr.write(note);
// `kubeadapt get ... | head` closes stdout early: that is the reader's choice, not a failure.
// A contract run's exit code is its verdict: it stops writing to stdout and finishes. Any other
// error reaches the write's callback, which the command reports.
stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE" && argv[0] !== "contract") process.exit(0);
});
// `kubeadapt get ... 2>&1 | head` closes stderr too, often before the summary line: the
// command then ends with its own code (Node's stderr, once failed, writes nothing more).
process.stderr.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

runCli(argv, {
  stdout,
  stderr: process.stderr,
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
  signal: controller.signal,
}).then((code) => {
  process.exitCode = terminated && code === EXIT_CODES.interrupted ? EXIT_CODES.terminated : code;
});
