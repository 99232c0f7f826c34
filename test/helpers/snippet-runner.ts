// Runs a doc's TypeScript block in this process, as a reader would run it against the API, but
// with the API a fake: `globalThis.fetch` and KUBEADAPT_BASE_URL/KUBEADAPT_API_TOKEN point at it.
// It needs the examples project's aliases (`kubeadapt`, `kubeadapt/testing`, ... to src/).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeBlock } from "../../scripts/docs/code-blocks.js";
import { repoRoot } from "../../scripts/lib/exec.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";

/** The packages a block may import to run here: the SDK's entries (not `kubeadapt/node`). */
const RUNNABLE = /^kubeadapt(\/(testing|contract|money))?$/;

/** Whether a block can run here: a whole program that imports only {@link RUNNABLE} entries. */
export function runnable(block: CodeBlock): boolean {
  const imports = [...block.code.matchAll(/\bfrom "([^"]+)"/g)].map((m) => m[1] as string);
  return !block.fragment && imports.length > 0 && imports.every((name) => RUNNABLE.test(name));
}

/** What a block printed with `console.log`, one array of arguments a call; or what it threw. */
export interface SnippetRun {
  logs: unknown[][];
  error?: unknown;
}

const TOKEN = "ka_docs_snippet";

/** Runs `code` as a module against a fresh fake; console output is captured, not shown. */
export async function runSnippet(code: string): Promise<SnippetRun> {
  mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, ".tmp", "snippet-"));
  const file = join(dir, "snippet.ts");
  writeFileSync(file, code);
  const fake = createFakeKubeadapt({ token: TOKEN });
  const saved = {
    fetch: globalThis.fetch,
    console: { ...console },
    exitCode: process.exitCode,
    baseUrl: process.env.KUBEADAPT_BASE_URL,
    token: process.env.KUBEADAPT_API_TOKEN,
  };
  const logs: unknown[][] = [];
  globalThis.fetch = fake.fetch as typeof fetch;
  process.env.KUBEADAPT_BASE_URL = fake.baseUrl;
  process.env.KUBEADAPT_API_TOKEN = TOKEN;
  console.log = (...args: unknown[]) => logs.push(args);
  // The SDK's default logger and the blocks' progress lines are not this run's to show.
  for (const quiet of ["error", "warn", "info", "debug"] as const) console[quiet] = () => {};
  try {
    await import(pathToFileURL(file).href);
    return { logs };
  } catch (error) {
    return { logs, error };
  } finally {
    globalThis.fetch = saved.fetch;
    Object.assign(console, saved.console);
    // A block may set process.exitCode for its reader's script; it is not this run's.
    process.exitCode = saved.exitCode;
    restoreEnv("KUBEADAPT_BASE_URL", saved.baseUrl);
    restoreEnv("KUBEADAPT_API_TOKEN", saved.token);
    rmSync(dir, { recursive: true, force: true });
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
