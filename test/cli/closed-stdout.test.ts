import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CLOSED_STDOUT_NOTE, stdoutWasClosed } from "../../src/cli/closed-stdout.js";

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

describe("stdoutWasClosed", () => {
  it("is true for /dev/null opened read-write (Node's stand-in for a closed fd), else false", async () => {
    expect(stdoutWasClosed(await fakeProc("closed", "/dev/null", "0100002"))).toBe(true);
    expect(stdoutWasClosed(await fakeProc("devnull", "/dev/null", "0100001"))).toBe(false);
    expect(stdoutWasClosed(await fakeProc("file", "/tmp/out.csv", "0100002"))).toBe(false);
    expect(stdoutWasClosed(join(await dir, "no-such-proc"))).toBe(false);
  });
});

// The bin as a shell runs it; /proc/self/fdinfo is Linux's.
describe.runIf(existsSync("/proc/self/fdinfo"))("kubeadapt get with stdout closed", () => {
  const run = (redirect: string) =>
    new Promise<string>((resolve) => {
      const { KUBEADAPT_API_TOKEN, KUBEADAPT_BASE_URL, ...env } = process.env;
      const cli = `"${process.execPath}" --import tsx "${MAIN}" get /v1/clusters --demo`;
      execFile("sh", ["-c", `${cli} ${redirect}`], { env }, (_error, _stdout, stderr) =>
        resolve(stderr),
      );
    });

  it("says on stderr that the data go nowhere (>&-), and not for >/dev/null", async () => {
    expect(await run(">&-")).toContain(CLOSED_STDOUT_NOTE);
    expect(await run(">/dev/null")).not.toContain("note: stdout");
  });
});
