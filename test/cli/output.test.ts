import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { defaultColumns } from "../../src/cli/columns.js";
import { itemFields } from "../../src/cli/item-fields.js";
import { createSink } from "../../src/cli/output.js";
import { renderTable } from "../../src/cli/table.js";
import { createTotal, totalText } from "../../src/cli/total.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";
import { runInProcess } from "./run-cli.js";

const demo = createFakeKubeadapt();
const workloads = demo.data.workloads;
const parse = (text: string, delimiter = ",") =>
  Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true }).data;

// An exact decimal total with BigInt, independent of the CLI's money module.
function exactSum(amounts: string[]): string {
  const units = amounts.reduce((total, a) => total + BigInt(a.replace(".", "")), 0n);
  const digits = units.toString().padStart(5, "0");
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

async function sinkText(format: "csv" | "tsv", items: unknown[], footer?: string[]) {
  let text = "";
  const out = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const columns = [
    { header: "name", paths: ["name"] },
    { header: "cost", paths: ["cost"] },
  ];
  const sink = createSink(out, { format, columns });
  await sink.write(items.slice(0, 2));
  await sink.write(items.slice(2));
  await sink.end(footer);
  return text;
}

describe("--format csv and tsv", () => {
  const tricky = [
    { name: "a,b", cost: { amount: "12.4800", currency: "USD" } },
    { name: 'say "hi"', cost: { amount: "-0.0100", currency: "USD" } },
    { name: "two\nlines", cost: { amount: "1000000.0001", currency: "USD" } },
    { name: "tab\there\r\nand crlf", cost: null },
    { name: "", cost: { amount: "0.0000", currency: "USD" } },
  ];
  const expected = [
    ["name", "cost"],
    ...tricky.map((t) => [t.name, t.cost?.amount ?? ""]),
    ["TOTAL", "1000012.3701"],
  ];

  it("quotes commas, quotes and line breaks so an independent parser reads every cell back", async () => {
    const text = await sinkText("csv", tricky, ["TOTAL", "1000012.3701"]);
    expect(text.endsWith("\r\n")).toBe(true);
    // A bare line feed inside a cell is quoted too: spreadsheets end a record on either.
    expect(text).toContain('"two\nlines"');
    expect(parse(text)).toEqual(expected);
  });

  it("does the same with tabs for tsv", async () => {
    const text = await sinkText("tsv", tricky, ["TOTAL", "1000012.3701"]);
    expect(parse(text, "\t")).toEqual(expected);
  });

  it.each(["csv", "tsv"] as const)(
    "writes a %s cell that would start a formula as text, and numbers as they are",
    async (format) => {
      const names = [
        '=HYPERLINK("https://x.test","open")',
        "+1+2",
        "-cmd|calc",
        "@SUM(A1)",
        "\tx",
        "\rx",
      ];
      const items = [
        ...names.map((name) => ({ name, cost: { amount: "-0.0100", currency: "USD" } })),
        { name: "-42", cost: { amount: "+3.5", currency: "USD" } },
        { name: "a=b", cost: { amount: "1e-3", currency: "USD" } },
      ];
      const rows = parse(await sinkText(format, items), format === "csv" ? "," : "\t");
      expect(rows.slice(1)).toEqual([
        ...names.map((name) => [`'${name}`, "-0.0100"]),
        ["-42", "+3.5"],
        ["a=b", "1e-3"],
      ]);
    },
  );

  it.each(["csv", "tsv"] as const)(
    "writes a %s TOTAL row's cells as it writes items: a total in two currencies that starts with - is text, a negative amount stays a number",
    async (format) => {
      const delimiter = format === "csv" ? "," : "\t";
      const mixed = await sinkText(format, [], ["TOTAL", "-5.0000 USD + 1.0000 EUR"]);
      // Without the quote, a spreadsheet runs it as a formula and shows #NAME? for the total.
      expect(parse(mixed, delimiter).at(-1)).toEqual(["TOTAL", "'-5.0000 USD + 1.0000 EUR"]);
      const single = await sinkText(format, [], ["TOTAL", "-5.0000"]);
      expect(parse(single, delimiter).at(-1)).toEqual(["TOTAL", "-5.0000"]);
    },
  );

  it("writes only the header for no items", async () => {
    expect(parse(await sinkText("csv", []))).toEqual([["name", "cost"]]);
  });

  it("walks a list into CSV: every item once, money as the API's exact strings", async () => {
    const run = await runInProcess("get /v1/workloads --all --limit 500 -o csv");
    expect(run.code).toBe(0);
    const [header, ...rows] = parse(run.stdout);
    expect(rows).toHaveLength(workloads.length);
    const at = (name: string) => (header as string[]).indexOf(name);
    const byId = new Map(rows.map((row) => [row[at("id")], row]));
    expect(byId.size).toBe(workloads.length);
    for (const w of workloads) {
      const row = byId.get(w.id) as string[];
      expect(row[at("metadata.name")]).toBe(w.metadata.name);
      expect(row[at("cost.current_run_rate_hourly")]).toBe(w.cost.current_run_rate_hourly.amount);
      expect(row[at("cost.projected_monthly")]).toBe(w.cost.projected_monthly?.amount);
      expect(row[at("cost.current_run_rate_hourly.currency")]).toBe("USD");
    }
  });

  it("takes its default columns from the item schema: every field but constants, and the currency", () => {
    const fields = itemFields("/v1/workloads");
    expect(fields.find((f) => f.path === "kind")?.constant).toBe(true);
    expect(defaultColumns("/v1/workloads", "csv").map((c) => c.header)).toEqual([
      ...fields.filter((f) => !f.constant).map((f) => f.path),
      "cost.current_run_rate_hourly.currency",
    ]);
    expect(defaultColumns("/v1/cost-explorer", "csv").map((c) => c.header)).toEqual([
      "group.dimension",
      "group.key",
      "group.name",
      "cost.total",
      "cost.cost_mode",
      "cost.total.currency",
    ]);
  });

  it("--columns picks dotted paths for csv, tsv and table, in the order given", async () => {
    const columns = "metadata.name,cost.current_run_rate_hourly,metadata.cluster.name";
    const base = ["get", "/v1/workloads", "--max-items", "3", "--columns", columns];
    const csv = await runInProcess([...base, "-o", "csv"]);
    const tsv = await runInProcess([...base, "-o", "tsv"]);
    const table = await runInProcess([...base, "-o", "table"]);
    const ndjson = await runInProcess("get /v1/workloads --max-items 3");
    const first = ndjson.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as (typeof workloads)[number]);
    const rows = first.map((w) => [
      w.metadata.name,
      w.cost.current_run_rate_hourly.amount,
      w.metadata.cluster.name,
    ]);
    expect(parse(csv.stdout)).toEqual([columns.split(","), ...rows]);
    expect(parse(tsv.stdout, "\t")).toEqual([columns.split(","), ...rows]);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^metadata\.name +cost\.current_run_rate_hourly +metadata\.cluster\.name$/,
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${first[0]?.metadata.name} +${first[0]?.cost.current_run_rate_hourly.amount} USD +`,
      ),
    );
  });

  it("refuses --columns a path the items do not have, and --columns with ndjson", async () => {
    const unknown = await runInProcess("get /v1/workloads -o csv --columns metadata.nmae");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--columns metadata.nmae: the items of GET /v1/workloads have no field "metadata.nmae"; their fields: id, kind, metadata.name',
    );
    const ndjson = await runInProcess("get /v1/workloads --columns id");
    expect(ndjson.code).toBe(2);
    expect(ndjson.stderr).toContain("--columns is for --format table, csv or tsv, not ndjson");
    const empty = await runInProcess("get /v1/workloads -o csv --columns id,,x");
    expect(empty.stderr).toContain("--columns takes dotted paths separated by commas");
  });
});

describe("--format table", () => {
  it("aligns columns by what a terminal shows: CJK and emoji take two columns, an accent none", () => {
    const names = ["abc", "日本語", "e\u0301te\u0301", "🚀 x", "ｆｕｌｌ"];
    const items = names.map((name, i) => ({ name, id: `id-${i}` }));
    const columns = [
      { header: "NAME", paths: ["name"] },
      { header: "ID", paths: ["id"] },
    ];
    const lines = renderTable(items, columns).trimEnd().split("\n");
    // Each ID starts at display column 10 (the widest name, ｆｕｌｌ, is 8, plus two spaces).
    const widths = [
      "NAME      ",
      "abc       ",
      "日本語    ",
      "e\u0301te\u0301       ",
      "🚀 x      ",
      "ｆｕｌｌ  ",
    ];
    expect(
      lines.map((line) => line.slice(0, line.indexOf(line.includes("ID") ? "ID" : "id-"))),
    ).toEqual(widths);
  });

  it("the rarer wide blocks take two columns too: kana supplement, Tangut, Nushu, small forms, …", () => {
    // One character of each W block the first ranges missed (Unicode's EastAsianWidth.txt: W).
    const wide = [
      "\u2329", // left-pointing angle bracket
      "\ua960", // Hangul Jamo Extended-A
      "\ufe10", // vertical comma
      "\ufe50", // small comma
      "\u{16fe0}", // Tangut iteration mark
      "\u{17000}", // Tangut ideograph
      "\u{18b00}", // Khitan small script
      "\u{18d00}", // Tangut ideograph supplement
      "\u{1aff0}", // Kana Extended-B
      "\u{1b000}", // Kana Supplement
      "\u{1b170}", // Nushu
      "\u{1f240}", // tortoise shell bracketed CJK ideograph
    ];
    const items = wide.map((name) => ({ name: `${name}x`, id: "i" }));
    const lines = renderTable(items, [
      { header: "NAME", paths: ["name"] },
      { header: "ID", paths: ["id"] },
    ]).trimEnd();
    // Each name is 3 columns wide: one space pads it to the header's 4, two separate the ID.
    expect(lines.split("\n").slice(1)).toEqual(wide.map((name) => `${name}x   i`));
  });

  it("renders 200 000 rows, given at once or page by page (no row count overflows the stack)", async () => {
    const items = Array.from({ length: 200_000 }, (_, i) => ({ id: `w-${i}` }));
    const columns = [{ header: "ID", paths: ["id"] }];
    const lines = renderTable(items, columns).split("\n");
    expect(lines).toHaveLength(200_002);
    expect(lines[200_000]).toBe("w-199999");
    let text = "";
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const sink = createSink(out, { format: "table", columns });
    await sink.write(items);
    await sink.end();
    expect(text.split("\n")).toHaveLength(200_002);
  });

  it("shows control characters in a cell as escapes, so no value can forge a row or move the cursor", () => {
    const columns = [
      { header: "NAME", paths: ["name"] },
      { header: "COST", paths: ["cost"] },
    ];
    const items = [
      { name: "x\nTOTAL  999.0000 USD", cost: { amount: "1.0000", currency: "USD" } },
      { name: "tab\there\r", cost: { amount: "2.0000", currency: "USD" } },
      { name: "\u001b[1A\u001b[2Kred\u009b", cost: null },
    ];
    expect(renderTable(items, columns).split("\n")).toEqual([
      "NAME                         COST",
      "x\\nTOTAL  999.0000 USD       1.0000 USD",
      "tab\\there\\r                  2.0000 USD",
      "\\u001b[1A\\u001b[2Kred\\u009b",
      "",
    ]);
  });

  it("shows bidi controls as escapes, so no name reorders the numbers on its row", () => {
    const columns = [
      { header: "NAME", paths: ["name"] },
      { header: "COST", paths: ["cost"] },
    ];
    // U+202E (right-to-left override) would show "12.4800 USD" as "DSU 0084.21" on a
    // bidi-aware terminal; the other eleven reorder a line as well.
    const bidi = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";
    const items = [{ name: `web${bidi}`, cost: { amount: "12.4800", currency: "USD" } }];
    const escaped = [...bidi].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    const table = renderTable(items, columns);
    expect(table).not.toMatch(/\p{Bidi_Control}/u);
    expect(table).toContain(`web${escaped.join("")}  12.4800 USD\n`);
  });
});

describe("--format json and ndjson on a terminal", () => {
  it("escape bidi controls, C1 and DEL, which JSON.stringify leaves raw: the value read back is the same", async () => {
    const name = "web\u202e\u2066\u009b\u007f";
    const item = { name, cost: { amount: "12.4800", currency: "USD" } };
    for (const [format, lone] of [
      ["ndjson", false],
      ["json", false],
      ["json", true],
    ] as const) {
      let text = "";
      const out = new Writable({
        write(chunk, _encoding, done) {
          text += String(chunk);
          done();
        },
      });
      const sink = createSink(out, { format, columns: [], lone });
      await sink.write([item]);
      await sink.end();
      expect(text).not.toMatch(/[\u007f-\u009f\p{Bidi_Control}]/u);
      expect(text).toContain('"web\\u202e\\u2066\\u009b\\u007f"');
      const parsed = JSON.parse(text);
      expect(lone || format === "ndjson" ? parsed : parsed[0]).toEqual(item);
    }
  });

  it("say when a page left its last line open (a JSON array's), which a progress bar must not share", async () => {
    const out = new Writable({ write: (_chunk, _encoding, done) => done() });
    const item = { name: "web" };
    for (const format of ["ndjson", "json", "csv", "tsv", "table"] as const) {
      const sink = createSink(out, { format, columns: [{ header: "name", paths: ["name"] }] });
      await sink.write([item, item]);
      expect(sink.lineOpen, format).toBe(format === "json");
      await sink.end();
      expect(sink.lineOpen, format).toBe(false);
    }
  });
});

describe("--sum", () => {
  const amounts = workloads.map((w) => w.cost.current_run_rate_hourly.amount);
  const total = exactSum(amounts);

  it("adds a TOTAL row with the exact sum to csv", async () => {
    const run = await runInProcess(
      "get /v1/workloads --all -o csv --columns id,cost.current_run_rate_hourly --sum cost.current_run_rate_hourly",
    );
    expect(run.code).toBe(0);
    const rows = parse(run.stdout);
    expect(rows).toHaveLength(workloads.length + 2);
    expect(rows.at(-1)).toEqual(["TOTAL", total]);
  });

  it("adds the summed column when --columns lacks it, and a footer under a --top table saying it covers all", async () => {
    const run = await runInProcess(
      "get /v1/workloads --all -o table --top 2 --columns metadata.name --sum cost.current_run_rate_hourly",
    );
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^metadata\.name +cost\.current_run_rate_hourly$/);
    expect(lines[3]).toBe(`… and ${workloads.length - 2} more`);
    expect(lines[4]).toMatch(new RegExp(`^TOTAL \\(all ${workloads.length}\\) +${total} USD$`));
  });

  it("prints the sum on stderr for ndjson and json, stdout keeps only items", async () => {
    for (const format of ["ndjson", "json"]) {
      const run = await runInProcess([
        "get",
        "/v1/workloads",
        "--all",
        "-o",
        format,
        "--sum",
        "cost.current_run_rate_hourly",
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        `sum of cost.current_run_rate_hourly over ${workloads.length} items: ${total} USD`,
      );
      expect(run.stdout).not.toContain(total);
    }
  });

  it("stays exact where floats drift, keeps one sum per currency, and counts items without the field", () => {
    const total = createTotal("/v1/workloads", "cost.current_run_rate_hourly");
    const item = (amount: string, currency = "USD") => ({
      cost: { current_run_rate_hourly: { amount, currency } },
    });
    total.add([item("0.1000"), item("0.2000"), item("900719925474.0993")]);
    total.add([item("0.0001"), item("5.0000", "EUR"), { cost: {} }, null]);
    expect(total.sums()).toEqual([
      { amount: "900719925474.3994", currency: "USD" },
      { amount: "5.0000", currency: "EUR" },
    ]);
    expect([total.counted, total.missing]).toEqual([5, 2]);
    expect(totalText(total)).toBe("900719925474.3994 USD + 5.0000 EUR");
  });

  it("labels a total over part of a list as partial, in the row and on stderr", async () => {
    const sum = "cost.current_run_rate_hourly";
    // The first 15 items in the API's order, and their exact sum.
    const items = await runInProcess("get /v1/workloads --all --limit 10 --max-items 15");
    const first15 = items.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line).cost.current_run_rate_hourly.amount as string);
    const csv = await runInProcess(`get /v1/workloads --limit 10 -o csv --columns id --sum ${sum}`);
    expect(parse(csv.stdout).at(-1)).toEqual([
      `PARTIAL TOTAL (first 10 of ${workloads.length})`,
      exactSum(first15.slice(0, 10)),
    ]);
    const table = await runInProcess(
      `get /v1/workloads --all --limit 10 --max-items 15 --top 3 -o table --sum ${sum}`,
    );
    expect(table.stdout.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(`^PARTIAL TOTAL \\(first 15 of ${workloads.length}\\) +${exactSum(first15)} USD$`),
    );
    const ndjson = await runInProcess(`get /v1/workloads --limit 10 --sum ${sum}`);
    expect(ndjson.stderr).toContain(
      `partial sum of ${sum} over the first 10 of ${workloads.length} items: ${exactSum(first15.slice(0, 10))} USD`,
    );
  });

  it("labels a total as partial when the walk starts from a cursor or page, as a resume does", async () => {
    const sum = "cost.current_run_rate_hourly";
    const first = await runInProcess("get /v1/workloads --limit 500");
    const cursor = /--query cursor=(\S+) for the next page/.exec(first.stderr)?.[1];
    const rest = await runInProcess(
      `get /v1/workloads --all --limit 500 -q cursor=${cursor} -o csv --columns id --sum ${sum}`,
    );
    expect(rest.code).toBe(0);
    expect(parse(rest.stdout).at(-1)?.[0]).toBe(
      `PARTIAL TOTAL (${workloads.length - 500} items from --query cursor on)`,
    );
    const ce =
      "get /v1/cost-explorer --all --limit 10 -q group_by=namespace -q page=2 --sum cost.total";
    const pageTwo = await runInProcess(ce);
    expect(pageTwo.stderr).toMatch(
      /^partial sum of cost\.total over \d+ items from --query page=2 on: [\d.]+ USD$/m,
    );
  });

  it("fills the currency column of the TOTAL row, and sums into a column of the amount", async () => {
    const sum = "cost.current_run_rate_hourly";
    const csv = await runInProcess(`get /v1/workloads --all -o csv --sum ${sum}`);
    const [header = [], ...rows] = parse(csv.stdout);
    const footer = rows.at(-1) ?? [];
    expect(footer[header.indexOf(sum)]).toBe(total);
    expect(footer[header.indexOf(`${sum}.currency`)]).toBe("USD");
    const amount = await runInProcess(
      `get /v1/workloads --all -o csv --columns id,${sum}.amount --sum ${sum}`,
    );
    expect(parse(amount.stdout).at(-1)).toEqual(["TOTAL", total]);
  });

  it("labels the TOTAL row when the summed column comes first, or is the only one", async () => {
    const sum = "cost.current_run_rate_hourly";
    const two = await runInProcess(
      `get /v1/workloads --all -o csv --columns ${sum},id --sum ${sum}`,
    );
    expect(parse(two.stdout).at(-1)).toEqual([total, "TOTAL"]);
    const one = await runInProcess(`get /v1/workloads --all -o csv --columns ${sum} --sum ${sum}`);
    expect(parse(one.stdout).at(-1)).toEqual([`TOTAL ${total}`]);
    const table = await runInProcess(
      `get /v1/workloads --all --top 2 -o table --columns ${sum} --sum ${sum}`,
    );
    expect(table.stdout.trimEnd().split("\n").at(-1)).toBe(
      `TOTAL (all ${workloads.length}) ${total} USD`,
    );
  });

  it("--top 0 writes no item, and a table still gets its TOTAL row of all of them", async () => {
    const sum = "cost.current_run_rate_hourly";
    const table = await runInProcess(`get /v1/workloads --all --top 0 -o table --sum ${sum}`);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^NAME\s/);
    expect(lines[1]).toBe(`… and ${workloads.length} more`);
    expect(lines[2]).toMatch(new RegExp(`^TOTAL \\(all ${workloads.length}\\) +${total} USD$`));
  });

  it("refuses a field that is not money, naming the money fields", async () => {
    const run = await runInProcess("get /v1/workloads --sum metadata.name");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--sum metadata.name: not a money field of GET /v1/workloads; its money fields: cost.current_run_rate_hourly, cost.projected_monthly",
    );
  });
});

describe("--top, --output and the summary line", () => {
  const dir = mkdtemp(join(tmpdir(), "kubeadapt-cli-"));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it("--top writes the first N items in every format while the walk counts all", async () => {
    for (const format of ["ndjson", "json", "csv", "tsv", "table"]) {
      const run = await runInProcess(["get", "/v1/workloads", "--all", "-o", format, "--top", "4"]);
      expect(run.code, format).toBe(0);
      const written =
        format === "json"
          ? JSON.parse(run.stdout).length
          : format === "ndjson"
            ? run.stdout.trimEnd().split("\n").length
            : run.stdout.trimEnd().split(/\r?\n/).length - 1 - (format === "table" ? 1 : 0);
      expect(written, format).toBe(4);
      expect(run.stderr).toContain(`${workloads.length} items, 30 pages in`);
      expect(run.stderr).toContain("; 4 written (--top 4)");
    }
  });

  it("--output writes the data to a file, stdout stays empty", async () => {
    const file = join(await dir, "clusters.csv");
    const run = await runInProcess(["get", "/v1/clusters", "-o", "csv", "--output", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const rows = parse(await readFile(file, "utf8"));
    expect(rows).toHaveLength(demo.data.clusters.length + 1);
  });

  it("--output leaves the file as it was when the command fails before any data", async () => {
    const file = join(await dir, "kept.csv");
    await writeFile(file, "the previous export\n");
    const missing = "/v1/clusters/00000000-0000-4000-8000-000000000000";
    const failed = await runInProcess(["get", missing, "-o", "csv", "--output", file]);
    expect(failed.code).toBe(1);
    expect(await readFile(file, "utf8")).toBe("the previous export\n");
    const interrupted = await runInProcess(
      ["get", "/v1/clusters", "--output", file],
      {},
      AbortSignal.abort(),
    );
    expect(interrupted.code).toBe(130);
    expect(await readFile(file, "utf8")).toBe("the previous export\n");
    // A command that ends well replaces it, even with no data at all (an empty list).
    const none = [
      "get",
      "/v1/workloads",
      "--query",
      "namespace=no-such-namespace",
      "--output",
      file,
    ];
    expect((await runInProcess(none)).code).toBe(0);
    expect(await readFile(file, "utf8")).toBe("");
  });

  it("--output to a folder that does not exist is a usage error before any request", async () => {
    const run = await runInProcess([
      "get",
      "/v1/clusters",
      "--output",
      join(await dir, "no/such/dir.csv"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--output .*dir\.csv: cannot write it \(ENOENT\)/);
  });

  it("without --all, says the result is partial and how to get the rest; the cursor works", async () => {
    const first = await runInProcess("get /v1/workloads --limit 10");
    expect(first.code).toBe(0);
    const cursor = /--query cursor=(\S+) for the next page/.exec(first.stderr)?.[1];
    expect(first.stderr).toContain(`10 of ${workloads.length} items, 1 page in`);
    expect(first.stderr).toContain("(more pages: add --all, or --query cursor=");
    const second = await runInProcess(`get /v1/workloads --limit 10 -q cursor=${cursor}`);
    const ids = (run: { stdout: string }) =>
      run.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l).id);
    const both = await runInProcess("get /v1/workloads --limit 20");
    expect([...ids(first), ...ids(second)]).toEqual(ids(both));
    expect(new Set(ids(both)).size).toBe(20);
  });

  it("says where --max-items stopped a walk with more to come, and the whole of a complete one", async () => {
    const cut = await runInProcess("get /v1/workloads --all --limit 10 --max-items 20");
    expect(cut.stderr).toMatch(
      /^20 of \d+ items, 2 pages in [\d.]+ s \(stopped at --max-items 20; more items follow: --query cursor=\S+\)$/m,
    );
    const whole = await runInProcess("get /v1/clusters --all");
    expect(whole.stderr).toMatch(
      new RegExp(`^${demo.data.clusters.length} items, 1 page in [\\d.]+ s$`, "m"),
    );
    const one = await runInProcess(`get /v1/clusters/${demo.data.clusters[0]?.id}`);
    expect(one.stderr).toMatch(/^1 item, 1 page in/m);
  });
});
