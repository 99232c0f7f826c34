import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getTemplates, parametersOfPath } from "../../src/cli/spec-paths.js";
import { createFakeKubeadapt, type FakeServer } from "../../src/testing/index.js";
import { runInProcess } from "./run-cli.js";

const TOKEN = "ka_live_cli0checks0secret00000000000000";
const fake = createFakeKubeadapt({ token: TOKEN, sizes: { workloads: 40 } });
const UUID = "3f0c9a52-1b2d-4c3e-9f4a-5b6c7d8e9f00";
let server: FakeServer;
let env: Record<string, string>;
beforeAll(async () => {
  server = await fake.listen({ host: "127.0.0.1" });
  env = { KUBEADAPT_API_TOKEN: TOKEN, KUBEADAPT_BASE_URL: server.url };
});
afterAll(() => server?.close());
beforeEach(() => fake.resetRequests());

describe("--query and --limit are checked against the spec before any request", () => {
  const bad: [string[], string][] = [
    [
      ["/v1/workloads", "-q", "foo=bar"],
      '--query foo=bar: GET /v1/workloads has no query parameter "foo"; its query keys: limit, cursor, include_total, cost_mode, cluster_id, namespace, kind',
    ],
    [
      ["/v1/cost-explorer", "-q", "window_start=2026-05-01"],
      '"window_start" (did you mean start?); its query keys: start, end, group_by, cost_mode, page, per_page',
    ],
    [
      ["/v1/organization", "-q", "limit=5"],
      'GET /v1/organization has no query parameter "limit"; it takes no query',
    ],
    [
      ["/v1/workloads", "-q", "kind=Deploy"],
      "--query kind=Deploy: kind must be one of Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, Pod",
    ],
    [["/v1/workloads", "-q", "limit=0"], "--query limit=0: limit must be an integer from 1 to 500"],
    [
      ["/v1/workloads", "-q", "limit=2.5"],
      "--query limit=2.5: limit must be an integer from 1 to 500",
    ],
    [["/v1/workloads", "--limit", "501"], "--limit 501: limit must be an integer from 1 to 500"],
    [["/v1/workloads", "--limit", "0"], "--limit 0: limit must be an integer from 1 to 500"],
    [["/v1/workloads", "--limit", "abc"], "--limit abc: limit must be an integer from 1 to 500"],
    [["/v1/cost-explorer", "--limit", "0"], "--limit 0: per_page must be an integer from 1 to 500"],
    [["/v1/cost-explorer", "-q", "page=0"], "--query page=0: page must be an integer from 1"],
    [
      ["/v1/cost-explorer", "-q", "page=9007199254740993"],
      "--query page=9007199254740993: page must be an integer from 1, at most 9007199254740991 (a larger one would be sent rounded)",
    ],
    [
      ["/v1/cost-explorer", "-q", "start=2026-02-30"],
      "--query start=2026-02-30: start must be a date (YYYY-MM-DD)",
    ],
    [["/v1/cost-explorer", "-q", "end=May"], "--query end=May: end must be a date (YYYY-MM-DD)"],
    [
      ["/v1/workloads", "-q", "cluster_id=abc"],
      "--query cluster_id=abc: cluster_id must be a UUID",
    ],
    [
      ["/v1/workloads", "-q", "include_total=yes"],
      "--query include_total=yes: include_total must be true or false",
    ],
    [["/v1/workloads", "-q", "cursor="], "--query cursor=: cursor must be a non-empty string"],
    // An unset shell variable (`-q namespace=$NS`) would filter to nothing and sum to 0.
    [
      ["/v1/workloads", "-q", "namespace="],
      "--query namespace=: an empty value filters to nothing; give a value, or leave out the key",
    ],
    [
      ["/v1/clusters", "-q", "region="],
      "--query region=: an empty value filters to nothing; give a value, or leave out the key",
    ],
    [["/v1/clusters/abc"], 'cluster_id "abc" in the path: cluster_id must be a UUID'],
    [["/v1/nope"], "no GET /v1/nope in the /v1 API (kubeadapt paths lists them)"],
    // A mistyped path gets the nearest one as a --query key does, ids kept in place.
    [
      ["/v1/workload"],
      "no GET /v1/workload in the /v1 API (did you mean /v1/workloads? kubeadapt paths lists them)",
    ],
    [["workload"], "no GET workload in the /v1 API (did you mean /v1/workloads?"],
    [
      [`/v1/clusters/${UUID}/node`],
      `no GET /v1/clusters/${UUID}/node in the /v1 API (did you mean /v1/clusters/${UUID}/nodes?`,
    ],
    [
      [`/v1/cluster/${UUID}`],
      `no GET /v1/cluster/${UUID} in the /v1 API (did you mean /v1/clusters/${UUID}?`,
    ],
    [["/v1/organization", "--limit", "5"], "--limit: GET /v1/organization is not a list"],
    [
      ["/v1/workloads", "--limit", "5", "-q", "limit=6"],
      "give --limit or --query limit=…, not both",
    ],
    [["/v1/workloads", "-q", "kind=Job", "-q", "kind=Pod"], "--query kind=… is given twice"],
    [["/v1/workloads", "-q", "kind"], '--query takes key=value, not "kind"'],
  ];
  for (const [args, message] of bad) {
    it(`refuses get ${args.join(" ")} (exit 2, no request)`, async () => {
      const run = await runInProcess(["get", ...args], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain("Usage:");
      expect(run.stdout).toBe("");
      expect(fake.requests).toHaveLength(0);
    });
  }

  it("sends values typed as the spec declares them, and the path's ids as given", async () => {
    const args = ["get", "/v1/workloads", "-q", "include_total=true", "-q", "kind=Deployment"];
    const run = await runInProcess([...args, "--limit", "2", "--format", "json"], env);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout) as { metadata: { workload_kind: string } }[];
    expect(items.map((w) => w.metadata.workload_kind)).toEqual(["Deployment", "Deployment"]);
    const deployments = fake.data.workloads.filter(
      (w) => w.metadata.workload_kind === "Deployment",
    );
    expect(run.stderr).toContain(`2 of ${deployments.length} items, 1 page`);
    expect(fake.requests[0]?.query).toMatchObject({ limit: "2", include_total: "true" });
  });
});

describe("flags get the CLI's own messages, never node's parseArgs text", () => {
  const bad: [string[], string][] = [
    [["get", "/v1/workloads", "--nope"], "get has no flag --nope (its flags: --all, --query,"],
    [["get", "/v1/workloads", "--colums", "id"], "get has no flag --colums (its flags:"],
    [
      ["get", "/v1/workloads", "--output-file", "x"],
      "get has no flag --output-file (did you mean --output?)",
    ],
    [["get", "/v1/workloads", "--limit"], "--limit needs a value, e.g. --limit 500"],
    [["get", "/v1/workloads", "--limit", "--all"], "--limit needs a value, e.g. --limit 500"],
    [["get", "/v1/workloads", "--all=yes"], "--all takes no value (give --all or --no-all)"],
    [["get", "/v1/workloads", "--no-limit"], "get has no flag --no-limit"],
    [
      ["get", "/v1/workloads", "--format", "xml"],
      '--format must be ndjson, json, table, csv, tsv, not "xml"',
    ],
    [["get", "/v1/workloads", "--top", "-1"], '--top must be an integer of 0 or more, not "-1"'],
    [
      ["get", "/v1/workloads", "--max-items", "0"],
      '--max-items must be a positive integer, not "0"',
    ],
    [
      ["get", "/v1/workloads", "--max-items", "-1"],
      '--max-items must be a positive integer, not "-1"',
    ],
    [["get"], "get needs a <path>, e.g. kubeadapt get /v1/workloads"],
    [["get", "/v1/workloads", "/v1/clusters"], "get takes one <path>, not 2"],
    [["fetch"], 'unknown command "fetch": the commands are get, paths, contract'],
    [["help", "fetch"], 'no help on "fetch"'],
    [["paths", "/v1"], "paths takes no arguments"],
    // Not "(its flags: ; see --help)": it has none to list.
    [["paths", "--all"], "paths takes no flags, but was given --all"],
    [["paths", "--bogus=1"], "paths takes no flags, but was given --bogus"],
    [["contract", "--nope"], "contract has no flag --nope"],
  ];
  for (const [args, message] of bad) {
    it(`kubeadapt ${args.join(" ")}`, async () => {
      const run = await runInProcess(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`error: ${message}`);
      expect(run.stderr).not.toMatch(/Unknown option|argument missing|ERR_PARSE_ARGS|ambiguous/);
      expect(fake.requests).toHaveLength(0);
    });
  }
});

describe("a usage mistake shows the usage of the command it was made in", () => {
  it.each([
    [["get", "--nope"], "kubeadapt get <path>", "kubeadapt contract"],
    [["contract", "--nope"], "Usage: kubeadapt contract", "kubeadapt get <path>"],
    [["nope"], "kubeadapt get <path>", "Usage: kubeadapt contract"],
    [["paths", "--bogus"], "Usage:\n  kubeadapt paths\n", "kubeadapt get <path>"],
  ])("kubeadapt %j", async (args, shown, notShown) => {
    const run = await runInProcess(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(shown);
    expect(run.stderr).not.toContain(notShown);
  });
});

describe("help", () => {
  it("--help, -h and help <command> print to stdout and exit 0, for every command", async () => {
    for (const args of [
      ["--help"],
      ["-h"],
      [],
      ["help"],
      ["get", "--help"],
      ["get", "/v1/workloads", "-h"],
      ["help", "get"],
      ["paths", "--help"],
      ["contract", "--help"],
      ["contract", "--base-url", "x", "-h"],
    ]) {
      const run = await runInProcess(args);
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stdout, args.join(" ")).toContain("Usage:");
      expect(run.stderr).toBe("");
    }
  });

  it("lists the exit codes in --help and get --help", async () => {
    for (const args of [["--help"], ["get", "--help"]]) {
      const { stdout } = await runInProcess(args);
      for (const line of [/^ {2}0 {4}done$/m, /^ {2}1 {4}the API/m, /^ {2}2 {4}usage/m]) {
        expect(stdout).toMatch(line);
      }
      expect(stdout).toMatch(/^ {2}3 {4}cannot connect/m);
      expect(stdout).toMatch(/^ {2}130 {2}interrupted/m);
    }
  });

  it("names flags in get --help, never SDK options", async () => {
    const { stdout } = await runInProcess("get --help");
    for (const flag of ["--allow-insecure-http", "--columns", "--sum", "--output", "--top"]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).not.toMatch(/allowInsecureHttp|maxRetries/);
  });

  it("kubeadapt paths and get --help list every GET path of the spec with its parameters", async () => {
    const paths = await runInProcess("paths");
    const getHelp = await runInProcess("get --help");
    expect(paths.code).toBe(0);
    const templates = getTemplates();
    expect(templates.length).toBeGreaterThan(15);
    for (const template of templates) {
      const block = paths.stdout.split("\n\n").find((b) => b.startsWith(`${template}  (`));
      expect(block, template).toBeDefined();
      for (const param of parametersOfPath(template)) {
        expect(block, `${template} ${param.name}`).toMatch(
          new RegExp(`^  ${param.name} +\\S`, "m"),
        );
      }
      expect(getHelp.stdout).toContain(block);
    }
    expect(paths.stdout).toContain("  start              a date (YYYY-MM-DD)");
    expect(paths.stdout).toContain("  limit              an integer from 1 to 500, default 100");
  });
});
