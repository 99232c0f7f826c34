import { createWriteStream, fstatSync } from "node:fs";
import type { Writable } from "node:stream";

/**
 * The stream the data go to on stdout. Node writes a stdout that is a regular file with
 * `fs.writeSync` once per chunk and ignores how many bytes it took, so a disk that fills (or a
 * file-size limit) truncates the output with no error; a file write stream writes each chunk
 * whole, looping on short writes, or fails the write. Terminals and pipes keep `process.stdout`.
 * @param fd - the descriptor to check: 1, stdout, unless a test gives another
 */
export function dataStdout(fd = 1): Writable {
  let file = false;
  try {
    file = fstatSync(fd).isFile();
  } catch {
    // No such descriptor: Node's own stdout reports what is wrong at the first write.
  }
  return file ? createWriteStream("", { fd, autoClose: false }) : process.stdout;
}
