import { check, oneOf } from "./check-option.js";

/**
 * How much the client logs: `"off"`; `"error"`, a request that got no response after its last
 * attempt; `"warn"`, also each retry and each `Retry-After` too long to wait; `"info"`, also one
 * line per request; `"debug"`, also one line per attempt.
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go: any object with these four methods, such as `console` or a pino logger. */
export interface Logger {
  /** One line per attempt (at `logLevel: "debug"`). */
  debug(message: string): void;
  /** One line per request (at `"info"` and `"debug"`). */
  info(message: string): void;
  /** Retries and `Retry-After` delays not waited (from `"warn"`). */
  warn(message: string): void;
  /** Requests that got no response after their last attempt (from `"error"`). */
  error(message: string): void;
}

/** The levels in order: a level's index is how much it logs. */
export const LOG_LEVELS: readonly LogLevel[] = ["off", "error", "warn", "info", "debug"];

/**
 * The index in {@link LOG_LEVELS} of `level` (the option, else `env`, else `"warn"`), after
 * checking it and `logger`; a bad one throws a `BadRequestError` naming the option.
 */
export const logLevel = (level: unknown, env: string | undefined, logger: Logger): number => {
  // `env` is undefined or non-empty (readEnv's).
  const field = level === undefined && env ? "KUBEADAPT_LOG" : "logLevel";
  const index = oneOf(field, level ?? env ?? "warn", LOG_LEVELS);
  // Every level but "off" is a method.
  for (const method of LOG_LEVELS.slice(1) as (keyof Logger)[]) {
    check("logger", typeof logger?.[method] === "function", `an object with a ${method}() method`);
  }
  return index;
};
