import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { GetArgs } from "../../src/cli/args.js";
import { resumeCommand, shellQuote } from "../../src/cli/resume.js";

const run = promisify(execFile);

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
      "new\nline",
      "tab\tx",
      "!",
    ];
    expect(await shellWords(words.map(shellQuote).join(" "))).toEqual(words);
    expect(shellQuote("cursor=eyJ2Ijox-_.")).toBe("cursor=eyJ2Ijox-_.");
  });

  it("repeats every flag of the original, with the new cursor and the items left to fetch", async () => {
    const line = resumeCommand(ARGS, { cursor: "c2/+=" }, 300);
    expect(await shellWords(line)).toEqual([
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
      "5",
      "--max-items",
      "700",
      "--output",
      "my costs.csv",
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
    const words = await shellWords(resumeCommand(args, { page: 4 }, 0));
    expect(words.slice(3, 8)).toEqual(["--all", "--query", "group_by=team", "--query", "page=4"]);
    expect(words).toContain("--demo");
    expect(words).not.toContain("--max-items");
  });
});
