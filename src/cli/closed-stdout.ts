import { readFileSync, readlinkSync } from "node:fs";

/** Why the data written to a stdout that Node or a parent process points at /dev/null go nowhere. */
export const CLOSED_STDOUT_NOTE =
  "note: stdout is /dev/null opened for reading and writing, as when it was closed (>&-) or the program that started this one discards it: nothing written to it is kept\n";

/**
 * Whether stdout is `/dev/null` opened for reading and writing. Node opens fd 1 that way when
 * stdout was closed at start (`>&-`), but so does libuv for a child's ignored stdio (Node's
 * `stdio: 'ignore'`) and systemd for `StandardOutput=null`: this cannot tell them apart. A
 * shell's `>/dev/null` opens it for writing only. Read from Linux's `/proc`; elsewhere, or on
 * any doubt, false.
 * @param proc - the process's `/proc` folder: `/proc/self` unless a test gives another
 */
export function stdoutIsReadWriteNull(proc = "/proc/self"): boolean {
  try {
    if (readlinkSync(`${proc}/fd/1`) !== "/dev/null") return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`${proc}/fdinfo/1`, "utf8"))?.[1];
    // O_ACCMODE is 3; O_RDWR is 2.
    return flags !== undefined && (Number.parseInt(flags, 8) & 3) === 2;
  } catch {
    return false;
  }
}

/**
 * The note for stderr when {@link stdoutIsReadWriteNull}, else "". Only to a terminal: a person who
 * typed `>&-` reads it there, while a parent that discards stdout on purpose and reads stderr
 * through a pipe (many treat any stderr output as a failure) would get a false warning.
 * @param stderrIsTty - whether stderr is a terminal
 * @param proc - as for {@link stdoutIsReadWriteNull}
 */
export function closedStdoutNote(stderrIsTty: boolean, proc?: string): string {
  return stderrIsTty && stdoutIsReadWriteNull(proc) ? CLOSED_STDOUT_NOTE : "";
}
