import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkedWrites } from "../../src/cli/checked-writes.js";
import { parseContract } from "../../src/cli/contract-args.js";
import { runContractCommand } from "../../src/cli/contract-command.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const TOKEN = "ka_live_cli0test0secret0000000000000000";
const dir = mkdtemp(join(tmpdir(), "kubeadapt-contract-out-"));
afterAll(async () => rm(await dir, { recursive: true, force: true }));

const failure = (code: string) => Object.assign(new Error(`${code}: it failed, write`), { code });

/** A stdout whose every write fails with `code` after the first `fine` writes. */
function failingAfter(fine: number, code: string) {
  const texts: string[] = [];
  return {
    texts,
    write(text: string, done?: (error?: Error | null) => void) {
      texts.push(text);
      setImmediate(() => done?.(texts.length > fine ? failure(code) : null));
      return true;
    },
  };
}

describe("checkedWrites", () => {
  it("keeps the first failure, writes nothing after it, and tells it once all are done", async () => {
    const out = failingAfter(1, "ENOSPC");
    const writes = checkedWrites(out);
    writes.write("a");
    writes.write("b");
    await new Promise((resolve) => setImmediate(resolve));
    writes.write("c");
    expect((await writes.settled())?.message).toBe("ENOSPC: it failed, write");
    expect(out.texts).toEqual(["a", "b"]);
  });

  it("takes a reader that closed the pipe (EPIPE) for no failure", async () => {
    const writes = checkedWrites(failingAfter(0, "EPIPE"));
    writes.write("a");
    expect(await writes.settled()).toBeUndefined();
  });
});

async function contract(argv: string[], stdout: ReturnType<typeof failingAfter>) {
  let stderr = "";
  const code = await runContractCommand(parseContract(argv), {
    env: {},
    stdout,
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stderr };
}

describe("kubeadapt contract's stdout", () => {
  const passing = ["--demo", "--only", "limit-bounds", "--rate", "0"];

  it("exits 1, not 0, when its report could not be written whole", async () => {
    for (const reporter of ["json", "text"]) {
      const run = await contract([...passing, "--reporter", reporter], failingAfter(0, "ENOSPC"));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "error: stdout: ENOSPC: it failed, write: the report is not all there",
      );
    }
  });

  it("keeps its verdict when the reader closes the pipe early", async () => {
    const run = await contract(passing, failingAfter(1, "EPIPE"));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("a JSON report to a file past ulimit -f exits 1 (it was cut short with exit 0)", async () => {
    const file = join(await dir, "report.json");
    const { KUBEADAPT_API_TOKEN, KUBEADAPT_BASE_URL, ...env } = process.env;
    const main = `"${process.execPath}" --import tsx "${MAIN}"`;
    const code = await new Promise<number>((resolve) => {
      execFile(
        "sh",
        ["-c", `ulimit -f 16 && ${main} contract --demo --rate 0 --reporter json > "${file}"`],
        // tsx's cache files would meet the limit too.
        { env: { ...env, TSX_DISABLE_CACHE: "1" } },
        (error) => resolve(error ? Number((error as { code?: number }).code ?? 1) : 0),
      );
    });
    expect((await readFile(file)).length).toBe(16 * 512);
    expect(code).toBe(1);
  });

  // `kubeadapt contract … | head` under `set -o pipefail`: a failing server must not pass.
  it("exits 1 for a server that breaks the contract when the reader closes stdout after one line", async () => {
    const broken = createFakeKubeadapt({ token: TOKEN, faults: { serverErrors: { rate: 1 } } });
    const server = await broken.listen({ host: "127.0.0.1" });
    try {
      const { KUBEADAPT_API_TOKEN, KUBEADAPT_BASE_URL, ...env } = process.env;
      const only = ["--only", "limit-bounds,envelopes", "--rate", "0"];
      const child = spawn(
        process.execPath,
        ["--import", "tsx", MAIN, "contract", "--base-url", server.url, ...only],
        { env: { ...env, KUBEADAPT_API_TOKEN: TOKEN }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      // The heading is written with the first result: the reader leaves after it, as head does.
      child.stdout.once("data", () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(stderr).not.toContain("node:events");
      expect(code).toBe(1);
    } finally {
      await server.close();
    }
  });
});
