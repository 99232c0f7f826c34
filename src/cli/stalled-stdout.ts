import type { Writable } from "node:stream";

/**
 * How long after Ctrl-C or SIGTERM a write to stdout may still wait for its reader.
 * @default 5000
 */
export const STALLED_STDOUT_GRACE_MS = 5_000;

/**
 * Ends the process when, `graceMs` after the signal, stdout still holds a write its reader has
 * not taken (a full pipe or FIFO whose reader never reads): no write can be cancelled, so the
 * command would wait for it forever and never report. stderr says why, and that the output
 * may end mid-item; a write that drains in time lets the command report as usual.
 * @param code - the exit code: 130 for Ctrl-C, 143 for SIGTERM
 */
export function endIfStdoutStalls(
  stdout: Writable,
  stderr: Writable,
  code: number,
  graceMs = STALLED_STDOUT_GRACE_MS,
): void {
  const timer = setTimeout(() => {
    if (stdout.writableLength === 0) return;
    stderr.write(
      `interrupted: stdout's reader took none of a pending write in the ${graceMs / 1000} s after the signal (a pipe or FIFO that is not read), so the command ends without it: the output may end mid-item, and no resume command is printed\n`,
    );
    process.exit(code);
  }, graceMs);
  // A command that ends in time is not held up by the wait.
  timer.unref();
}
