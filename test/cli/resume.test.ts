import { execFile } from "node:child_process";
import { Writable } from "node:stream";
import { promisify } from "node:util";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GetArgs } from "../../src/cli/args.js";
import { resumeCommand, shellQuote } from "../../src/cli/resume.js";
import { runCli } from "../../src/cli/run.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";
import { startFakeProxy } from "../helpers/fake-proxy.js";
import type { Loopback } from "../helpers/loopback-server.js";
import { type CliRun, runInProcess } from "./run-cli.js";

const run = promisify(execFile);
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

// The words a POSIX shell makes of a command line: the independent check of the quoting.
async function shellWords(line: string): Promise<string[]> {
  const { stdout } = await run("sh", ["-c", `printf '%s\\0' ${line}`]);
  return stdout.split("\0").slice(0, -1);
}

const ARGS: GetArgs = {
  path: "/v1/workloads",
  all: true,
  query: { namespace: "it's a $HOME `x`", cursor: "old", kind: "Deployment" },
  limit: "50",
  format: "csv",
  columns: "id, metadata.name",
  sum: "cost.current_run_rate_hourly",
  maxItems: 1000,
  top: 5,
  output: "my costs.csv",
  baseUrl: "https://api.example.com/",
  allowInsecureHttp: true,
  demo: false,
  progress: false,
  timeout: 5,
};

describe("the resume command", () => {
  it("quotes every word so a POSIX shell gives it back unchanged", async () => {
    const words = [
      "plain",
      "",
      "two words",
      "it's",
      'say "hi"',
      "$HOME",
      "`id`",
      "a\\b",
      "*",
      "~",
      "x;y",
      "!",
    ];
    expect(await shellWords(words.map(shellQuote).join(" "))).toEqual(words);
    expect(shellQuote("cursor=eyJ2Ijox-_.")).toBe("cursor=eyJ2Ijox-_.");
  });

  it("writes a word with control characters as $'…' escapes: none reaches the terminal raw, bash gives the word back", async () => {
    // A cursor is the server's text: ESC could rewrite the screen, a line break forge a line.
    const words = [
      "new\nline",
      "tab\tx",
      "cursor=abc def;x\u001b[31mRED",
      "it's\u009b;\\",
      "\u007f",
      "cursor=x\u202e\u2066y",
    ];
    const quoted = words.map(shellQuote);
    for (const word of quoted) expect(word).not.toMatch(CONTROL);
    expect(quoted[5]).toBe("$'cursor=x\\xe2\\x80\\xae\\xe2\\x81\\xa6y'");
    const { stdout } = await run("bash", ["-c", `printf '%s\\0' ${quoted.join(" ")}`]);
    expect(stdout.split("\0").slice(0, -1)).toEqual(words);
    // A shell without $'…' (dash) reads a $ and one single-quoted word: nothing runs.
    expect(await shellWords(quoted[3] as string)).toEqual(["$it\\x27s\\xc2\\x9b;\\\\"]);
  });

  it("repeats every flag of the original, with the new cursor and the items left to fetch and write", async () => {
    const line = resumeCommand(ARGS, { cursor: "c2/+=" }, { items: 300, shown: 3 });
    expect(await shellWords(line as string)).toEqual([
      "kubeadapt",
      "get",
      "/v1/workloads",
      "--all",
      "--query",
      "namespace=it's a $HOME `x`",
      "--query",
      "kind=Deployment",
      "--query",
      "cursor=c2/+=",
      "--limit",
      "50",
      "--format",
      "csv",
      "--columns",
      "id, metadata.name",
      "--sum",
      "cost.current_run_rate_hourly",
      "--top",
      "2",
      "--max-items",
      "700",
      "--output",
      "my costs.csv",
      "--timeout",
      "5",
      "--base-url",
      "https://api.example.com/",
      "--allow-insecure-http",
      "--no-progress",
    ]);
  });

  it("resumes Cost Explorer by page number", async () => {
    const args: GetArgs = {
      ...ARGS,
      path: "/v1/cost-explorer",
      query: { page: "1", group_by: "team" },
      maxItems: undefined,
      demo: true,
      progress: undefined,
      allowInsecureHttp: false,
    };
    const words = await shellWords(
      resumeCommand(args, { page: 4 }, { items: 0, shown: 0 }) as string,
    );
    expect(words.slice(3, 8)).toEqual(["--all", "--query", "group_by=team", "--query", "page=4"]);
    expect(words).toContain("--demo");
    expect(words).not.toContain("--max-items");
  });
});

describe("a failed walk and its resumed run write and sum what one run would have", () => {
  const TOKEN = "ka_live_cli0resume0secret00000000000000";
  const env = { KUBEADAPT_API_TOKEN: TOKEN };
  const sum = "cost.current_run_rate_hourly";
  const fake = createFakeKubeadapt({ token: TOKEN, sizes: { workloads: 30 } });
  // A proxy to the fake that refuses every page after the first (403: not retried) until the
  // test heals it: the first run fails after page 1, the resumed run then gets the rest.
  let failing = true;
  let proxy: Loopback;
  beforeAll(async () => {
    proxy = await startFakeProxy(fake, (url) =>
      failing && url.searchParams.has("cursor")
        ? { status: 403, code: "PERMISSION_DENIED", message: "no" }
        : undefined,
    );
  });
  afterAll(() => proxy.close());

  const get = (flags: string) =>
    runInProcess(`get /v1/workloads --all --limit 10 ${flags} --base-url ${proxy.origin}`, env);
  // The first run (page 2 fails), the resume command it printed, and that command's run.
  async function failThenResume(flags: string) {
    failing = true;
    const first = await get(flags);
    failing = false;
    const line = /resume with: (.*)/.exec(first.stderr)?.[1];
    const rest = line ? await runInProcess((await shellWords(line)).slice(1), env) : undefined;
    return { first, line, rest };
  }
  const ids = (run: CliRun | undefined) =>
    (run?.stdout ?? "")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).id as string);
  // Two 4-decimal amounts added exactly, independent of the CLI's money module.
  const add = (a: string, b: string) => {
    const units = (BigInt(a.replace(".", "")) + BigInt(b.replace(".", ""))).toString();
    return `${units.slice(0, -4) || "0"}.${units.slice(-4).padStart(4, "0")}`;
  };

  it("the resumed run's first line says its counts start at the resume point, with or without --sum", async () => {
    for (const flags of ["-o ndjson", `-o ndjson --sum ${sum}`]) {
      const { rest } = await failThenResume(flags);
      expect(rest?.code).toBe(0);
      expect(rest?.stderr).toMatch(/^20 items from --query cursor on, 2 pages in [\d.]+ s\n/);
    }
  });

  it("a resumed page that is not the last counts its items from the resume point, and the list's total apart", async () => {
    // 20 rows in all, 15 of them from page 2 on: "5 of 20 from page 2 on" would misread as 15.
    const resumed = await runInProcess(
      "get /v1/cost-explorer --demo --query group_by=team --query page=2 --limit 5",
    );
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(
      /\n5 items from --query page=2 on \(the list has 20\), 1 page in [\d.]+ s \(more pages: add --all, or --query page=3 for the next page\)\n/,
    );
  });

  it("--top is lowered by the items written: 10, then 5, as one --top 15 run writes", async () => {
    const { first, line, rest } = await failThenResume("--top 15");
    expect(first.code).toBe(1);
    expect(ids(first)).toHaveLength(10);
    expect(line).toContain(" --top 5 ");
    expect(rest?.code).toBe(0);
    const whole = await get("--top 15");
    expect([...ids(first), ...ids(rest)]).toEqual(ids(whole));
    expect(ids(whole)).toHaveLength(15);
  });

  it("once --top is reached, says nothing is left to write instead of writing more", async () => {
    const { first, line } = await failThenResume("--top 5");
    expect(first.code).toBe(1);
    expect(ids(first)).toHaveLength(5);
    expect(line).toBeUndefined();
    expect(first.stderr).toContain("  nothing left to write: --top 5 is reached\n");
  });

  it("Ctrl-C with --top counts the items received apart from the items written", async () => {
    const interrupt = new AbortController();
    const proxy = await startFakeProxy(fake, (url) => {
      if (!url.searchParams.has("cursor")) return undefined;
      // Ctrl-C while page 2 is on its way: the refusal never arrives.
      interrupt.abort();
      return { status: 403, code: "PERMISSION_DENIED", message: "no" };
    });
    try {
      const run = await runInProcess(
        `get /v1/workloads --all --limit 10 --top 5 --base-url ${proxy.origin}`,
        env,
        interrupt.signal,
      );
      expect(run.code).toBe(130);
      expect(ids(run)).toHaveLength(5);
      expect(run.stderr).toBe(
        "interrupted after 10 items received (5 written, --top 5)\n  nothing left to write: --top 5 is reached\n",
      );
    } finally {
      await proxy.close();
    }
  });

  it("--format json: the open array of the first run and the resumed run's hold the whole list", async () => {
    const { first, line, rest } = await failThenResume("-o json");
    expect(first.code).toBe(1);
    expect(() => JSON.parse(first.stdout)).toThrow();
    expect(first.stderr).toContain(
      '  note: the JSON array written is left open (no closing "]"), so no parser takes it for the whole list; the resumed run writes the rest as an array of its own\n',
    );
    expect(line).toBeDefined();
    const whole = JSON.parse((await get("-o json")).stdout);
    expect([...JSON.parse(`${first.stdout}\n]`), ...JSON.parse(rest?.stdout ?? "")]).toEqual(whole);
    expect(whole).toHaveLength(30);
  });

  it("once --top is reached with --sum, resumes with --top 0 for the rest of the total", async () => {
    const csv = `-o csv --columns id --top 5 --sum ${sum}`;
    const { first, line, rest } = await failThenResume(csv);
    expect(first.code).toBe(1);
    // The partial sum covers every item received, and says that fewer were written.
    const part = new RegExp(
      `partial sum of ${sum} over the 10 items received \\(5 written, --top 5\\): ([\\d.]+) USD`,
    ).exec(first.stderr)?.[1] as string;
    expect(part).toBeDefined();
    expect(line).toContain(" --top 0 ");
    expect(rest?.code).toBe(0);
    const rows = (run: CliRun | undefined) => Papa.parse<string[]>(run?.stdout ?? "").data;
    // The resumed run writes no item: its header, then the total of the other 20.
    expect(rows(rest).filter((row) => row.length > 1)).toEqual([
      ["id", sum],
      ["PARTIAL TOTAL (20 items from --query cursor on)", expect.any(String)],
    ]);
    const restSum = rows(rest).filter((row) => row.length > 1)[1]?.[1] as string;
    const whole = rows(await get(csv)).filter((row) => row.length > 1);
    expect(whole.at(-1)).toEqual(["TOTAL (all 30)", add(part, restSum)]);
  });

  it("a page whose write failed (disk full) is in no count, and the resume command fetches it again", async () => {
    let writes = 0;
    let written = "";
    // The output takes page 1, then fails as a full disk does.
    const full = new Writable({
      write(chunk, _encoding, done) {
        writes++;
        if (writes > 1) return done(Object.assign(new Error("no space left"), { code: "ENOSPC" }));
        written += String(chunk);
        done();
      },
    });
    full.on("error", () => {});
    failing = false;
    let stderr = "";
    const code = await runCli(
      `get /v1/workloads --all --limit 10 --top 15 --sum ${sum} --base-url ${proxy.origin}`.split(
        " ",
      ),
      {
        stdout: full,
        stderr: new Writable({
          write(chunk, _encoding, done) {
            stderr += String(chunk);
            done();
          },
        }),
        stderrIsTty: false,
        env,
        signal: new AbortController().signal,
      },
    );
    expect(code).toBe(1);
    const page1 = written.trimEnd().split("\n");
    expect(page1).toHaveLength(10);
    const page1Sum = page1
      .map((line) => JSON.parse(line).cost.current_run_rate_hourly.amount as string)
      .reduce(add);
    expect(stderr).toContain(
      `  partial sum of ${sum} over the 10 items written: ${page1Sum} USD (the resumed run sums the rest only)\n`,
    );
    expect(/resume with: (.*)/.exec(stderr)?.[1]).toContain(" --top 5 ");
  });
});
