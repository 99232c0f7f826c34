#!/usr/bin/env node
import { closedStdoutNote } from "./closed-stdout.js";
import { dataStdout } from "./data-stdout.js";
import { runCli } from "./run.js";

// The `kubeadapt` bin: the command line on this process's streams, Ctrl-C as an abort signal.
const controller = new AbortController();
process.once("SIGINT", () => controller.abort());

const argv = process.argv.slice(2);
const note = closedStdoutNote(process.stderr.isTTY === true);
if (note) process.stderr.write(note);
const stdout = dataStdout();
// `kubeadapt get ... | head` closes stdout early: that is the reader's choice, not a failure.
// A contract run's exit code is its verdict: it stops writing to stdout and finishes. Any other
// error reaches the write's callback, which the command reports.
stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE" && argv[0] !== "contract") process.exit(0);
});

runCli(argv, {
  stdout,
  stderr: process.stderr,
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
});
