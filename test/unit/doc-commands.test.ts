import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentationFiles } from "../../scripts/docs/code-blocks.js";
import { type DocCommand, extractCommands, shellWords } from "../../scripts/docs/command-lines.js";
import { repoRoot } from "../../scripts/lib/exec.js";
import { parseCommand } from "../../src/cli/args.js";
import { planGet } from "../../src/cli/get-command.js";
import { runInProcess } from "../cli/run-cli.js";
import { startServer } from "../helpers/loopback-server.js";
import { missingLines } from "../helpers/sample-lines.js";

/**
 * The base URL the docs' console examples use for a server with an untrusted (self-signed)
 * certificate; such an example is rerun against a loopback HTTPS server with the test's one.
 */
const UNTRUSTED_TLS = "https://127.0.0.1:8443";

/**
 * Whether a console example can be rerun here: against the demo API (no `--base-url` server)
 * or {@link UNTRUSTED_TLS}, and not an interrupt (`^C`) shown mid-walk.
 */
function rerunnable(command: DocCommand): boolean {
  const at = command.argv.indexOf("--base-url");
  return (
    command.output !== undefined &&
    command.output.length > 0 &&
    (at === -1 || command.argv[at + 1] === UNTRUSTED_TLS) &&
    !command.output[0]?.startsWith("^C")
  );
}

/** The notice of a run with no token and no base URL, as this rerun is (not a reader's with a token). */
const DEMO_NOTICE = /^using the embedded demo API \(/;

/**
 * Runs a console example: on the demo API, or against a self-signed loopback server. What it
 * prints is what a reader sees: not stdout when the example redirects it (`> file`), and not the
 * demo notice unless the example shows it.
 */
async function rerun(command: DocCommand): Promise<string> {
  const { argv } = command;
  const shown = (run: { stdout: string; stderr: string }) => {
    const stderr = command.output?.some((line) => DEMO_NOTICE.test(line))
      ? run.stderr
      : run.stderr
          .split("\n")
          .filter((line) => !DEMO_NOTICE.test(line))
          .join("\n");
    return `${command.redirected ? "" : run.stdout}\n${stderr}`;
  };
  if (!argv.includes(UNTRUSTED_TLS)) return shown(await runInProcess([...argv]));
  const server = await startServer((_, response) => response.end("{}"), true);
  try {
    const words = argv.map((word) => (word === UNTRUSTED_TLS ? server.origin : word));
    const run = await runInProcess(words, { KUBEADAPT_API_TOKEN: "ka_docs_token" });
    return shown(run).replaceAll(server.origin, UNTRUSTED_TLS);
  } finally {
    await server.close();
  }
}

/**
 * What is wrong with a command line of the docs, or undefined: a console example is rerun and
 * must print the lines it shows, and no others between them; any other line must parse and,
 * for `get`, pass every check against the spec that runs before a request (path, ids, query,
 * columns, sum).
 */
async function problemOf(command: DocCommand): Promise<string | undefined> {
  const where = `${command.file}:${command.line}: kubeadapt ${command.argv.join(" ")}`;
  if (rerunnable(command)) {
    const printed = await rerun(command);
    const missing = missingLines(command.output ?? [], printed);
    if (missing.length > 0) {
      return `${where}: printed\n${printed}\nnot the shown\n${missing.join("\n")}`;
    }
    return undefined;
  }
  try {
    const parsed = parseCommand(command.argv);
    if (parsed.name === "get") planGet(parsed.args);
  } catch (error) {
    return `${where}: ${(error as Error).message}`;
  }
  return undefined;
}

const docCommands = [...documentationFiles(), "CONTRIBUTING.md"].flatMap((file) =>
  extractCommands(readFileSync(join(repoRoot, file), "utf8"), file),
);

describe("kubeadapt command lines of the docs", () => {
  it("splits shell lines as a shell does", () => {
    expect(
      shellWords(`get /v1/w --columns 'id, metadata.name' -q "a=b c" > out.csv # note`),
    ).toEqual(["get", "/v1/w", "--columns", "id, metadata.name", "-q", "a=b c", ">", "out.csv"]);
  });

  it("finds commands in shell, CI and console blocks, with their line and shown output", () => {
    const markdown = [
      "```sh", //                                                             1
      "npm install kubeadapt   # not a command", //                           2
      "npx kubeadapt get /v1/clusters/<id> \\", //                            3
      "  --format json | jq .", //                                            4
      "```", //                                                               5
      "```ts", //                                                             6
      'import { createKubeadapt } from "kubeadapt";', //                      7
      "```", //                                                               8
      "```yaml", //                                                           9
      '      - run: npx -y kubeadapt contract --demo "$@"', //               10
      "```", //                                                              11
      "```console", //                                                       12
      "$ kubeadapt paths", //                                                13
      "/v1/clusters  (List clusters; list, cursor pages)", //                14
      "", //                                                                 15
      "kubeadapt get not-a-prompt", //                                       16
      "```", //                                                              17
    ].join("\n");
    expect(extractCommands(markdown, "g.md")).toEqual([
      {
        file: "g.md",
        line: 3,
        argv: ["get", "/v1/clusters/00000000-0000-4000-8000-000000000000", "--format", "json"],
        redirected: true,
        output: undefined,
      },
      {
        file: "g.md",
        line: 10,
        argv: ["contract", "--demo"],
        redirected: false,
        output: undefined,
      },
      {
        file: "g.md",
        line: 13,
        argv: ["paths"],
        redirected: false,
        output: ["/v1/clusters  (List clusters; list, cursor pages)"],
      },
    ]);
  });

  it("reports stale examples: a flag, a query key or a column that is gone, a changed message or table", async () => {
    const stale = [
      "```sh",
      "kubeadapt get /v1/workloads --all --format xml",
      "kubeadapt get /v1/workloads --query window_start=2026-05-01",
      "kubeadapt get /v1/workloads --format csv --columns metadata.nmae",
      "kubeadapt contract --retries 3",
      "```",
      "```console",
      "$ kubeadapt get /v1/workloads --limit 501",
      "error: --limit 501: limit must be an integer from 1 to 1000",
      "",
      "$ kubeadapt get /v1/clusters --all --format table --sum cost.current_run_rate_hourly",
      "NAME               KIND     STATUS        COST/HOUR    ID",
      "…",
      "TOTAL                                     56.0946 USD",
      "```",
    ].join("\n");
    const problems = await Promise.all(extractCommands(stale, "stale.md").map(problemOf));
    expect(problems).toEqual([
      expect.stringContaining('--format must be ndjson, json, table, csv, tsv, not "xml"'),
      expect.stringContaining('has no query parameter "window_start"'),
      expect.stringContaining("metadata.nmae"),
      expect.stringContaining("contract has no flag --retries"),
      expect.stringMatching(/not the shown\nerror: --limit 501: .* 1000$/),
      expect.stringMatching(/not the shown\nTOTAL +56\.0946 USD$/),
    ]);
  });

  it("reports lines printed between, before or after the shown ones, unless a … line stands for them", () => {
    const printed = [
      "error: ConnectionError: GET /v1/clusters failed (3 attempts)",
      "  cause: DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate",
      "  stopped at page 1 after 0 items",
      "",
      "  hint: trust its CA with NODE_EXTRA_CA_CERTS=ca.pem",
    ].join("\n");
    const shown = ["error: ConnectionError: …", "  cause: …", "  hint: …"];
    expect(missingLines(shown, printed)).toEqual(["+   stopped at page 1 after 0 items"]);
    expect(missingLines(["…", "  cause: …", "…", "  hint: …"], printed)).toEqual([]);
    expect(missingLines(["…", "  hint: …"], printed)).toEqual([]);
    // A warning added ahead of the first shown line, and a line added after the last one.
    expect(missingLines(["  cause: …", "…", "  hint: …"], printed)).toEqual([
      "+ error: ConnectionError: GET /v1/clusters failed (3 attempts)",
    ]);
    expect(missingLines(["error: …", "  cause: …", "  stopped at …"], printed)).toEqual([
      "+   hint: trust its CA with NODE_EXTRA_CA_CERTS=ca.pem",
    ]);
    expect(missingLines(["error: …", "  cause: …", "  stopped at …", "…"], printed)).toEqual([]);
  });

  it("every one in README.md, CONTRIBUTING.md and docs/guides/*.md is real, and every console example prints what it shows", async () => {
    const rerun = docCommands.filter(rerunnable);
    console.log(
      `${docCommands.length} command lines: ${rerun.length} console examples rerun (the demo API, a self-signed loopback server), the rest parsed and planned`,
    );
    expect(docCommands.length).toBeGreaterThanOrEqual(30);
    expect(rerun.length).toBeGreaterThanOrEqual(5);
    const problems = await Promise.all(docCommands.map(problemOf));
    expect(problems.filter(Boolean)).toEqual([]);
  });
});
