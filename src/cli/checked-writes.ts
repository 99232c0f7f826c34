/** A stream that says in a callback whether a write got through, as a Node `Writable` does. */
export interface CallbackWriter {
  write(text: string, done?: (error?: Error | null) => void): unknown;
}

/** Writes to a stream, checked once, at the end: for output written line by line as it comes. */
export interface CheckedWrites {
  write(text: string): void;
  /**
   * Waits for every write to be done.
   * @returns the first write's error, if one failed for a reason other than a reader that
   * closed the pipe early (`EPIPE`, the reader's choice); nothing is written after either
   */
  settled(): Promise<Error | undefined>;
}

/**
 * Checked writes to `out`. A write that fails (a full disk, a closed pipe) stops the writes
 * that follow it, which would only fail too, and is told by {@link CheckedWrites.settled}.
 */
export function checkedWrites(out: CallbackWriter): CheckedWrites {
  let failed: NodeJS.ErrnoException | undefined;
  let pending = Promise.resolve();
  return {
    write(text) {
      if (failed) return;
      const done = new Promise<void>((resolve) => {
        out.write(text, (error) => {
          if (error) failed ??= error;
          resolve();
        });
      });
      pending = pending.then(() => done);
    },
    async settled() {
      await pending;
      return failed?.code === "EPIPE" ? undefined : failed;
    },
  };
}
