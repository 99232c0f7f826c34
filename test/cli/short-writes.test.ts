import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { writeWhole } from "../../src/cli/whole-write.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const dir = mkdtemp(join(tmpdir(), "kubeadapt-short-"));
afterAll(async () => rm(await dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stderr: string;
}

/**
 * Runs `script` in sh with a file-size limit, by default 32 KiB (`ulimit -f 64`, 512-byte
 * blocks): the write that crosses it is short, as on a disk that fills, and the next one fails
 * with EFBIG. Node ignores SIGXFSZ, so the limit ends no process. `$MAIN` is the CLI's command.
 */
function limited(script: string, blocks = 64): Promise<Run> {
  const { KUBEADAPT_API_TOKEN, KUBEADAPT_BASE_URL, ...env } = process.env;
  const main = `"${process.execPath}" --import tsx "${MAIN}"`;
  return new Promise((resolve) => {
    execFile(
      "sh",
      ["-c", `ulimit -f ${blocks} && ${script.replaceAll("$MAIN", main)}`],
      // tsx's cache files would meet the limit too.
      { env: { ...env, TSX_DISABLE_CACHE: "1" } },
      (error, _stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stderr });
      },
    );
  });
}

const LIMIT = 64 * 512;
const FIRST_PAGE_TORN =
  "note: the output may hold part of the first page, whose write failed: no item of it is counted as written, so discard it";
const workloads = createFakeKubeadapt().data.workloads.length;

describe("writeWhole", () => {
  // A file whose first write takes only part of what it is given, as a filling disk's does.
  const shortOnce = (into: number[]) => {
    let calls = 0;
    return {
      async write(buffer: Uint8Array, offset: number, length: number) {
        const taken = calls++ === 0 ? Math.min(length, 3) : length;
        into.push(...buffer.subarray(offset, offset + taken));
        return { bytesWritten: taken };
      },
    };
  };

  it("writes the rest of a chunk a short write left", async () => {
    const bytes: number[] = [];
    await writeWhole(shortOnce(bytes), Buffer.from("0123456789"));
    expect(Buffer.from(bytes).toString()).toBe("0123456789");
  });

  it("fails with the error of the write after a short one, and on a write that takes nothing", async () => {
    let calls = 0;
    const full = {
      async write(_buffer: Uint8Array, _offset: number, length: number) {
        if (calls++ > 0) throw Object.assign(new Error("ENOSPC: no space"), { code: "ENOSPC" });
        return { bytesWritten: length - 1 };
      },
    };
    await expect(writeWhole(full, Buffer.from("abc"))).rejects.toMatchObject({ code: "ENOSPC" });
    const stuck = { write: async () => ({ bytesWritten: 0 }) };
    await expect(writeWhole(stuck, Buffer.from("abc"))).rejects.toMatchObject({ code: "EIO" });
  });
});

describe("a file that takes only part of the output (a disk that fills)", () => {
  it("Node's own stdout to a file takes a short write as whole: why the CLI does not write through it", async () => {
    const node = `"${process.execPath}" -e 'process.stdout.write(Buffer.alloc(40000, 120), (e) => process.stderr.write(String(e?.code)))'`;
    const file = join(await dir, "node.txt");
    const run = await limited(`${node} > "${file}"`);
    expect(run.stderr).toBe("undefined");
    expect((await readFile(file)).length).toBe(LIMIT);
  });

  it("a table to stdout, written at the end, fails: exit 1, an error line, no summary", async () => {
    const file = join(await dir, "table.txt");
    const run = await limited(`$MAIN get /v1/workloads --all --demo --format table > "${file}"`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: EFBIG: file too large, write");
    expect(run.stderr).toContain("hint: the output passed the largest file");
    expect(run.stderr).not.toMatch(/\d+ items, \d+ pages/);
    expect((await readFile(file)).length).toBe(LIMIT);
  });

  // The page whose write was short is in no count: the rows said written are whole in the file.
  for (const target of ["stdout", "--output"]) {
    it(`NDJSON to ${target}: counts only the items whose lines are whole in the file`, async () => {
      const file = join(await dir, `items-${target}.ndjson`);
      const to = target === "stdout" ? `> "${file}"` : `--output "${file}"`;
      const run = await limited(
        `$MAIN get /v1/workloads --all --demo --limit 25 --sum cost.projected_monthly ${to}`,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain("node:events");
      const [, written] = /over the (\d+) items written/.exec(run.stderr) ?? [];
      expect(Number(written)).toBeGreaterThan(0);
      expect(Number(written)).toBeLessThan(workloads);
      const text = await readFile(file, "utf8");
      expect(text.length).toBe(LIMIT);
      const whole = text.split("\n").slice(0, -1);
      expect(whole.length).toBeGreaterThanOrEqual(Number(written));
      for (const line of whole) JSON.parse(line);
      expect(run.stderr).toContain(
        `note: the output may end with part of the page whose write failed: keep what comes before it (the ${written} items written)`,
      );
      const [, cursor] = /--query cursor=(\S+)/.exec(run.stderr) ?? [];
      const resumed = JSON.parse(Buffer.from(cursor as string, "base64url").toString());
      const lastWritten = JSON.parse(whole[Number(written) - 1] as string);
      expect(resumed.after_id).toBe(lastWritten.id);
    });

    it(`NDJSON to ${target}: a write that fails inside the first page says the output is torn`, async () => {
      const file = join(await dir, `first-${target}.ndjson`);
      const to = target === "stdout" ? `> "${file}"` : `--output "${file}"`;
      // The first page (100 workloads) is longer than the limit.
      const run = await limited(`$MAIN get /v1/workloads --all --demo ${to}`);
      expect(run.code).toBe(1);
      expect((await readFile(file)).length).toBe(LIMIT);
      expect(run.stderr).toBe(
        [
          "using the embedded demo API (--demo)",
          "error: EFBIG: file too large, write",
          "  hint: the output passed the largest file this process may write (ulimit -f)",
          `  ${FIRST_PAGE_TORN}`,
          "",
        ].join("\n"),
      );
    });
  }
});

describe("kubeadapt paths and --help", () => {
  it("exit 1 when their text is not written whole, as get does", async () => {
    for (const command of ["paths", "get --help"]) {
      const file = join(await dir, "paths.txt");
      const run = await limited(`$MAIN ${command} > "${file}"`, 8);
      expect(run.code, command).toBe(1);
      expect(run.stderr).toContain("error: EFBIG: file too large, write");
      expect((await readFile(file)).length).toBe(8 * 512);
    }
  });
});

describe("--output to a device that fails every write", () => {
  it("prints one error line and its hint, exits 1, and no stack trace", async () => {
    const run = await limited("$MAIN get /v1/workloads --all --demo --output /dev/full");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        "using the embedded demo API (--demo)",
        "error: ENOSPC: no space left on device, write",
        "  hint: the disk the output goes to is full: free some space, or write elsewhere",
        `  ${FIRST_PAGE_TORN}`,
        "",
      ].join("\n"),
    );
  });
});
