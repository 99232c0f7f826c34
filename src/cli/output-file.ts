import { constants } from "node:fs";
import { access, type FileHandle, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { Writable } from "node:stream";
import { AbortError } from "../index.js";
import { UsageError } from "./usage-error.js";
import { writeWhole } from "./whole-write.js";

/** The `--output` file, written in place but emptied only once there is something to put there. */
export interface OutputFile {
  /** Where the data go: the file is opened (emptied) at the first write. */
  stream: Writable;
  /**
   * Ends the file.
   * @param wrote - the command wrote its output (it ended well, or stopped after some pages):
   * the file is then emptied even if nothing came (an empty list), else left as it was
   */
  close(wrote: boolean): Promise<void>;
}

/**
 * The `--output` file: checked before any request, so a wrong path costs no API call, but
 * opened, and so emptied, only at the first write: a command that fails before its data (a
 * refused token, no network, Ctrl-C) leaves the previous export as it was. Written in place,
 * not renamed over, so a link, a FIFO or `/dev/stderr` stays what it is.
 * @param signal - Ctrl-C: a write still waiting for the file to open (a FIFO nobody reads)
 *   then fails with an `AbortError`, and closing lets that open return
 * @throws UsageError when the file, or the folder it would go in, cannot be written
 */
export async function openOutput(path: string, signal?: AbortSignal): Promise<OutputFile> {
  await checkWritable(path);
  let handle: Promise<FileHandle> | undefined;
  const opened = () => {
    handle ??= open(path, "w");
    return handle;
  };
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => reject(new AbortError("the write was aborted", { cause: signal?.reason }));
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop, { once: true });
  });
  aborted.catch(() => {});
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      Promise.race([opened(), aborted])
        .then((file) => writeWhole(file, chunk))
        .then(() => done(), done);
    },
    final(done) {
      if (!handle) return done();
      handle.then((file) => file.close()).then(() => done(), done);
    },
  });
  // A failed write reaches the CLI through its callback (see writeText), which reports it with
  // the resume point; the stream emits it as 'error' too, which with no listener would end the
  // process with a stack trace, racing that report.
  stream.on("error", () => {});
  return {
    stream,
    async close(wrote) {
      if (wrote) await opened();
      else if (handle && signal?.aborted) await releaseOpen(path);
      await new Promise((resolve) => stream.end(resolve));
    },
  };
}

/**
 * Opening a FIFO for writing waits, in a thread of libuv's pool, until a reader opens it, and
 * no open can be cancelled: after Ctrl-C that wait would keep the process alive. Being that
 * reader for a moment (non-blocking, reading nothing) lets the open return, to be closed unused.
 */
async function releaseOpen(path: string): Promise<void> {
  if (!(await stat(path)).isFIFO()) return;
  const reader = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  await reader?.close();
}

async function checkWritable(path: string): Promise<void> {
  const refuse = (error: NodeJS.ErrnoException) =>
    new UsageError(`--output ${path}: cannot write it (${error.code ?? error.message})`);
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error(), { code: "EISDIR" });
    await access(path, constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw refuse(error as Error);
    // A new file: its folder must exist and take it.
    await access(dirname(path), constants.W_OK).catch((e: Error) => {
      throw refuse(e);
    });
  }
}
