// What `kubeadapt --help` and the quick start say about the demo fallback is what the commands
// do: `get` with neither a token nor a base URL uses the demo API; `contract` never falls back
// (both once said "the commands" fall back, and `contract` exited 2).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { USAGE } from "../../src/cli/help.js";
import { runInProcess } from "./run-cli.js";

const QUICK_START = readFileSync(
  new URL("../../docs/guides/quick-start.md", import.meta.url),
  "utf8",
).replace(/\s+/g, " ");
const HELP = USAGE.replace(/\s+/g, " ");

describe("the demo fallback, as --help and the quick start state it", () => {
  it("get with no token and no base URL uses the demo API, as both say", async () => {
    expect(HELP).toContain(
      "`get` with no token and no base URL (or with --demo) uses the embedded demo API",
    );
    expect(QUICK_START).toContain(
      "`get` with no token and no URL (or with `--demo`) uses the embedded demo API",
    );
    const run = await runInProcess(["get", "/v1/clusters", "--max-items", "1"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("using the embedded demo API");
  });

  it("get with KUBEADAPT_API_TOKEN set but empty (a CI secret that did not expand) is a usage error, not the demo", async () => {
    expect(QUICK_START).toContain(
      "a `KUBEADAPT_API_TOKEN` set but empty (a CI secret that did not expand) is a usage error (exit 2), not the demo",
    );
    const run = await runInProcess(["get", "/v1/organization/dashboard", "-o", "csv"], {
      KUBEADAPT_API_TOKEN: "",
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      "KUBEADAPT_API_TOKEN is set but empty (a secret that did not expand?): set it to an API token; for the embedded demo API, unset it or give --demo",
    );
    expect(run.stderr).not.toContain("using the embedded demo API");
    const demo = await runInProcess(["get", "/v1/clusters", "--max-items", "1", "--demo"], {
      KUBEADAPT_API_TOKEN: "",
    });
    expect(demo.code).toBe(0);
  });

  it("contract with neither falls back to nothing, as both say: it asks for a base URL or --demo", async () => {
    expect(HELP).toContain(
      "`contract` needs a base URL (--base-url or KUBEADAPT_BASE_URL) or --demo",
    );
    expect(QUICK_START).toContain(
      "`contract` never falls back: give it a base URL (`--base-url` or `KUBEADAPT_BASE_URL`) or `--demo`",
    );
    const run = await runInProcess(["contract"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("give --base-url URL (or set KUBEADAPT_BASE_URL), or --demo");
    // KUBEADAPT_BASE_URL alone is a base URL: the run gets past it, to the missing token.
    const fromEnv = await runInProcess(["contract"], { KUBEADAPT_BASE_URL: "http://127.0.0.1:9" });
    expect(fromEnv.stderr).not.toContain("--base-url URL");
    expect(fromEnv.stderr).toContain("KUBEADAPT_API_TOKEN");
  });

  it("the old sentence, 'the commands use the embedded demo API', is in neither", () => {
    for (const text of [HELP, QUICK_START])
      expect(text).not.toMatch(/the commands use the embedded demo/);
  });
});
