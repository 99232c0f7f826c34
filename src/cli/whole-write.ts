/** What {@link writeWhole} needs of a file: `FileHandle.write`'s buffer form. */
export interface PartialWriter {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
}

/**
 * Writes all of `chunk`: one `write` may take fewer bytes than it was given (a disk that fills,
 * a file-size limit), and says so only in `bytesWritten`; the next write then fails with the
 * cause (`ENOSPC`, `EFBIG`).
 * @throws the write's error, or an `EIO` error when a write takes no byte at all
 */
export async function writeWhole(file: PartialWriter, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.length; ) {
    const { bytesWritten } = await file.write(chunk, at, chunk.length - at);
    // No progress and no error: another try would loop for ever.
    if (bytesWritten <= 0) {
      throw Object.assign(new Error("EIO: the file took no byte of a write"), { code: "EIO" });
    }
    at += bytesWritten;
  }
}
