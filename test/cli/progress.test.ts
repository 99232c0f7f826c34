import { Writable } from "node:stream";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { createProgressBar } from "../../src/cli/progress.js";
import { runCli } from "../../src/cli/run.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

/**
 * A terminal both streams write to, as a screen shows them: the line the cursor is on, with
 * `\r`, `ESC[2K` and `\n` applied. It notes each write of data (stdout) that starts on a line
 * something is already on (the bar), and the widest line drawn.
 */
function terminal(columns: number) {
  let line = "";
  let col = 0;
  const glued: string[] = [];
  let widest = 0;
  const writes: { stream: "stdout" | "stderr"; text: string }[] = [];
  const show = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text.startsWith("\x1b[2K", i)) {
        line = "";
        i += 3;
      } else if (text[i] === "\r") col = 0;
      else if (text[i] === "\n") {
        line = "";
        col = 0;
      } else {
        line = line.slice(0, col) + text[i] + line.slice(col + 1);
        col++;
        widest = Math.max(widest, line.length);
      }
    }
  };
  const tty = (stream: "stdout" | "stderr") =>
    Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          const text = String(chunk);
          // Spaces on the line are what a dumb terminal's erase leaves: nothing shows.
          if (stream === "stdout" && line.trim() !== "")
            glued.push(`${line} | ${text.slice(0, 40)}`);
          writes.push({ stream, text });
          show(text);
          done();
        },
      }),
      { isTTY: true, columns },
    );
  const stdout = tty("stdout");
  const stderr = tty("stderr");
  return {
    stdout,
    stderr,
    glued,
    widest: () => widest,
    text: (stream: "stdout" | "stderr") =>
      writes
        .filter((w) => w.stream === stream)
        .map((w) => w.text)
        .join(""),
  };
}

async function onTerminal(argv: string, env: Record<string, string> = {}, columns = 120) {
  const screen = terminal(columns);
  const code = await runCli(argv.split(" "), {
    stdout: screen.stdout,
    stderr: screen.stderr,
    stdoutIsTty: true,
    stderrIsTty: true,
    env,
    signal: new AbortController().signal,
  });
  return { code, ...screen };
}

const workloads = createFakeKubeadapt().data.workloads.length;

describe("the progress bar on a terminal that stdout writes to too", () => {
  it("is erased before each page's rows, so no row starts after the bar", async () => {
    for (const format of ["csv", "ndjson"]) {
      const run = await onTerminal(`get /v1/workloads --all --demo --format ${format}`);
      expect(run.code).toBe(0);
      expect(run.glued).toEqual([]);
      // The bar was drawn, and none of it reached the data.
      expect(run.text("stderr")).toContain(`/${workloads} items, `);
      const rows = run.text("stdout").trimEnd().split(/\r?\n/);
      expect(rows).toHaveLength(format === "csv" ? workloads + 1 : workloads);
      if (format === "csv") expect(Papa.parse(run.text("stdout")).errors).toEqual([]);
    }
  });

  it("is cut to the terminal's width, the counts kept first", async () => {
    const run = await onTerminal("get /v1/workloads --all --demo", {}, 24);
    expect(run.code).toBe(0);
    expect(run.text("stderr")).toContain(`\r\x1b[2K${workloads}/${workloads} items, 30 pag`);
    const narrow = terminal(12);
    createProgressBar(narrow.stderr).update({ pages: 1, items: 100, total: 3000 });
    expect(narrow.widest()).toBe(11);
  });
});

describe("TERM=dumb", () => {
  it("gets no bar by default, and with --progress one with no escape sequence", async () => {
    const quiet = await onTerminal("get /v1/workloads --all --demo", { TERM: "dumb" });
    expect(quiet.code).toBe(0);
    expect(quiet.text("stderr")).not.toContain("\r");
    const forced = await onTerminal("get /v1/workloads --all --demo --progress", { TERM: "dumb" });
    expect(forced.code).toBe(0);
    expect(forced.text("stderr")).toContain(
      `\r[${"#".repeat(30)}] ${workloads}/${workloads} items, 30 pages`,
    );
    expect(forced.text("stderr")).not.toContain("\x1b");
    expect(forced.glued).toEqual([]);
  });
});
