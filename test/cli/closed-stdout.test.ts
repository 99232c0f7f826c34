import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  CLOSED_STDOUT_NOTE,
  closedStdoutNote,
  stdoutIsReadWriteNull,
} from "../../src/cli/closed-stdout.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtemp(join(tmpdir(), "kubeadapt-proc-"));
afterAll(async () => rm(await dir, { recursive: true, force: true }));

/** A `/proc/<pid>` with fd 1 a link to `target`, opened with `flags` (octal, as Linux shows). */
async function fakeProc(name: string, target: string, flags: string): Promise<string> {
  const proc = join(await dir, name);
  await mkdir(join(proc, "fd"), { recursive: true });
  await mkdir(join(proc, "fdinfo"));
  await symlink(target, join(proc, "fd", "1"));
  await writeFile(join(proc, "fdinfo", "1"), `pos:\t0\nflags:\t${flags}\nmnt_id:\t27\n`);
  return proc;
}

describe("stdoutIsReadWriteNull", () => {
  it("is true for /dev/null opened read-write (Node's stand-in for a closed fd), else false", async () => {
    expect(stdoutIsReadWriteNull(await fakeProc("closed", "/dev/null", "0100002"))).toBe(true);
    expect(stdoutIsReadWriteNull(await fakeProc("devnull", "/dev/null", "0100001"))).toBe(false);
    expect(stdoutIsReadWriteNull(await fakeProc("file", "/tmp/out.csv", "0100002"))).toBe(false);
    expect(stdoutIsReadWriteNull(join(await dir, "no-such-proc"))).toBe(false);
  });
});

describe("closedStdoutNote", () => {
  it("names both causes it cannot tell apart, and only to a stderr that is a terminal", async () => {
    const rw = await fakeProc("closed-note", "/dev/null", "0100002");
    expect(closedStdoutNote(true, rw)).toBe(CLOSED_STDOUT_NOTE);
    expect(CLOSED_STDOUT_NOTE).toContain(
      "closed (>&-) or the program that started this one discards it",
    );
    // A parent reading stderr through a pipe may take any output there for a failure.
    expect(closedStdoutNote(false, rw)).toBe("");
    expect(closedStdoutNote(true, await fakeProc("devnull-note", "/dev/null", "0100001"))).toBe("");
  });
});

// The bin as a shell or a parent process runs it; /proc/self/fdinfo is Linux's.
const SCRIPT = ["/usr/bin/script", "/bin/script"].find(existsSync);
describe.runIf(existsSync("/proc/self/fdinfo"))("kubeadapt with stdout on /dev/null", () => {
  const cli = `"${process.execPath}" --import tsx "${MAIN}" --version`;
  /** stderr of `cli redirect` in `sh`, with stderr a pipe, or a terminal (`script`'s pty). */
  const inShell = (redirect: string, terminal = false) =>
    new Promise<string>((resolve) => {
      const command = `${cli} ${redirect}`;
      // script runs the command on a pty and copies it (stderr, here) to its own stdout.
      const [file, args] = terminal
        ? [SCRIPT as string, ["-q", "-e", "-c", command, "/dev/null"]]
        : ["sh", ["-c", command]];
      execFile(file, args, (_error, stdout, stderr) => resolve(terminal ? stdout : stderr));
    });

  it.runIf(SCRIPT)(
    "says so on a terminal's stderr when the shell closed it (>&-), not for >/dev/null",
    async () => {
      expect((await inShell(">&-", true)).replace(/\r\n/g, "\n")).toContain(CLOSED_STDOUT_NOTE);
      expect(await inShell(">/dev/null", true)).not.toContain("note: stdout");
    },
  );

  it("says nothing to a parent that discards stdout (stdio 'ignore') and reads stderr", async () => {
    const { status, stderr } = spawnSync(process.execPath, ["--import", "tsx", MAIN, "--version"], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    expect(status).toBe(0);
    expect(stderr).toBe("");
    // Nor with stdout closed, when stderr is a pipe: nobody is at a terminal to read it.
    expect(await inShell(">&-")).not.toContain("note: stdout");
  });
});
