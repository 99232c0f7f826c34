import type { Writable } from "node:stream";
import type { Logger, LogLevel } from "../index.js";
import { LOG_LEVELS } from "../internal/log.js";
import { UsageError } from "./usage-error.js";
import { visible } from "./visible.js";

/**
 * The SDK's log level, from the command's `KUBEADAPT_LOG` (not the process's: the SDK would
 * read that itself), checked here so that a level it does not know is the user's mistake
 * (exit 2) rather than an API error or a refused base URL.
 * @throws UsageError naming the levels
 */
export function sdkLogLevel(env: Record<string, string | undefined>): LogLevel {
  const level = env.KUBEADAPT_LOG || "warn";
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    throw new UsageError(
      `KUBEADAPT_LOG must be one of ${LOG_LEVELS.join(", ")}, not "${visible(level)}"`,
    );
  }
  return level as LogLevel;
}

/**
 * A logger that writes every level to `stderr`, one line each: the SDK's default, `console`,
 * writes `info` and `debug` to stdout, where they would land in the command's data. Shown as
 * plain text, since a line can quote the server's words (a cursor in a URL).
 */
export function stderrLogger(stderr: Writable): Logger {
  const line = (message: string) => {
    stderr.write(`${visible(message)}\n`);
  };
  return { debug: line, info: line, warn: line, error: line };
}
