import { readFileSync, readlinkSync } from "node:fs";

/** Why the data of a stdout that was closed go nowhere, for stderr. */
export const CLOSED_STDOUT_NOTE =
  "note: stdout is /dev/null opened for reading and writing, as Node replaces a closed stdout (>&-): nothing written to it is kept\n";

/**
 * Whether stdout was closed when the process started (`>&-`). Node then opens fd 1 on
 * `/dev/null` for reading and writing, so every write succeeds and the data vanish; a shell's
 * `>/dev/null` opens it for writing only. Read from Linux's `/proc`; elsewhere, or on any
 * doubt, false.
 * @param proc - the process's `/proc` folder: `/proc/self` unless a test gives another
 */
export function stdoutWasClosed(proc = "/proc/self"): boolean {
  try {
    if (readlinkSync(`${proc}/fd/1`) !== "/dev/null") return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`${proc}/fdinfo/1`, "utf8"))?.[1];
    // O_ACCMODE is 3; O_RDWR is 2.
    return flags !== undefined && (Number.parseInt(flags, 8) & 3) === 2;
  } catch {
    return false;
  }
}
