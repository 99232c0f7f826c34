import { Writable } from "node:stream";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { createProgressBar } from "../../src/cli/progress.js";
import { runCli } from "../../src/cli/run.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

type Stream = "stdout" | "stderr";

/**
 * A terminal both streams write to, as a screen shows them: rows of cells, each with the stream
 * that wrote it, with `\r`, `ESC[2K` and `\n` applied. It notes each write of data (stdout) that
 * starts on a row the bar (stderr) has text on, and the widest row drawn.
 */
function terminal(columns: number) {
  const rows: { char: string; from: Stream }[][] = [[]];
  let row = 0;
  let col = 0;
  const glued: string[] = [];
  let widest = 0;
  const writes: { stream: Stream; text: string }[] = [];
  const rowText = (cells: { char: string }[]) => cells.map((cell) => cell.char).join("");
  const show = (stream: Stream, text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text.startsWith("\x1b[2K", i)) {
        rows[row] = [];
        i += 3;
      } else if (text[i] === "\r") col = 0;
      else if (text[i] === "\n") {
        row++;
        rows[row] ??= [];
        col = 0;
      } else {
        const cells = rows[row] as { char: string; from: Stream }[];
        while (cells.length < col) cells.push({ char: " ", from: stream });
        cells[col] = { char: text[i] as string, from: stream };
        col++;
        widest = Math.max(widest, cells.length);
      }
    }
  };
  const tty = (stream: Stream) =>
    Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          const text = String(chunk);
          const cells = rows[row] as { char: string; from: Stream }[];
          // Spaces are what a dumb terminal's erase leaves: nothing shows.
          if (stream === "stdout" && cells.some((c) => c.from === "stderr" && c.char !== " ")) {
            glued.push(`${rowText(cells)} | ${text.slice(0, 40)}`);
          }
          writes.push({ stream, text });
          show(stream, text);
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
    /** The rows the screen shows at the end, trailing spaces trimmed. */
    screen: () => rows.map((cells) => rowText(cells).trimEnd()),
    text: (stream: Stream) =>
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
  it.each(["ndjson", "json", "csv", "tsv", "table"])(
    "%s: the bar is erased before each page, and the screen shows every line of the data",
    async (format) => {
      const run = await onTerminal(`get /v1/workloads --all --demo --format ${format}`);
      expect(run.code).toBe(0);
      expect(run.glued).toEqual([]);
      // The bar was drawn, and none of it reached the data.
      expect(run.text("stderr")).toContain(`/${workloads} items, `);
      const data = run.text("stdout");
      expect(data).not.toContain("items, ");
      // The screen shows the data's lines one after the other, each whole: no bar between
      // them, none erased (stderr's notes come before them, the summary after).
      const lines = data.trimEnd().split(/\r?\n/);
      const screen = run.screen();
      const from = screen.indexOf(lines[0] as string);
      expect(screen.slice(from, from + lines.length)).toEqual(lines);
      if (format === "json") expect(JSON.parse(data)).toHaveLength(workloads);
      if (format === "ndjson") expect(lines).toHaveLength(workloads);
      if (format === "csv") {
        expect(lines).toHaveLength(workloads + 1);
        expect(Papa.parse(data).errors).toEqual([]);
      }
    },
  );

  it("fits the terminal's width, dropping whole parts, the counts kept first", async () => {
    const run = await onTerminal("get /v1/workloads --all --demo", {}, 26);
    expect(run.code).toBe(0);
    expect(run.text("stderr")).toContain(`\r\x1b[2K${workloads}/${workloads} items, 30 pages`);
    expect(run.text("stderr")).not.toMatch(/\[[#.]/);
  });

  it.each([
    [80, `[###${".".repeat(27)}] 12000/120000 items, 1234 pages`],
    [40, "12000/120000 items, 1234 pages"],
    [24, "12000/120000 items"],
    [14, "12000/120000"],
    [11, "12000"],
    [5, ""],
  ])("at %i columns, never a partial number: %j", (columns, shown) => {
    const screen = terminal(columns);
    createProgressBar(screen.stderr).update({ pages: 1234, items: 12000, total: 120000 });
    expect(screen.screen()).toEqual([shown]);
  });

  it("shows no total past 2^53, whose digits JSON parsing rounded; one page is a page", () => {
    const screen = terminal(80);
    createProgressBar(screen.stderr).update({ pages: 1, items: 1, total: 2 ** 53 + 2 });
    expect(screen.screen()).toEqual(["1 item, 1 page"]);
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

  it("with --format json, erases no item with the spaces that stand for its escapes", async () => {
    const argv = "get /v1/workloads --all --demo --progress --format json";
    const run = await onTerminal(argv, { TERM: "dumb" });
    expect(run.code).toBe(0);
    const lines = run.text("stdout").trimEnd().split("\n");
    const screen = run.screen();
    const from = screen.indexOf("[");
    expect(screen.slice(from, from + lines.length)).toEqual(lines);
  });
});
