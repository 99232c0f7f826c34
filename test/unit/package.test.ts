// The published package, as a user gets it: `npm pack` (which builds through `prepack`), the
// tarball installed into a fresh project, then imported from ESM and required from CJS.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const SETUP_TIMEOUT_MS = 120_000;

let work = "";
let app = "";
let files: string[] = [];

// A stub fetch serving a two-page list (`/v1/clusters`), one cluster, and a 404 envelope.
const STUB_FETCH = `
const page = (data, next) => ({
  data,
  meta: { request_id: "req_page", pagination: { has_more: next !== "", next_cursor: next } },
});
const BODIES = {
  "": JSON.stringify(page([{ id: "c1" }, { id: "c2" }], "p2")),
  p2: JSON.stringify(page([{ id: "c3" }], "")),
};
const stubFetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  const json = { "content-type": "application/json" };
  if (url.pathname === "/v1/clusters") {
    return new Response(BODIES[url.searchParams.get("cursor") ?? ""], { headers: json });
  }
  if (url.pathname.endsWith("/0b6f1f6e-0000-4000-8000-000000000001")) {
    return new Response(JSON.stringify({ data: { id: "c1" }, meta: { request_id: "req_1" } }), { headers: json });
  }
  const error = { code: "NOT_FOUND", message: "no such cluster", details: [] };
  return new Response(JSON.stringify({ data: null, meta: { request_id: "req_404" }, error }), {
    status: 404,
    headers: json,
  });
};
`;

// Exercises the SDK with `createKubeadapt` and `isKubeadaptError` in scope; prints JSON.
const SCENARIO = `
const ka = createKubeadapt({ token: "tok", baseUrl: "https://api.test", fetch: stubFetch, maxRetries: 0 });
const one = await ka.get("/v1/clusters/{cluster_id}", {
  params: { path: { cluster_id: "0b6f1f6e-0000-4000-8000-000000000001" } },
});
const ids = [];
for await (const cluster of ka.paginate("/v1/clusters", { params: { query: { limit: 2 } } })) {
  ids.push(cluster.id);
}
let error;
try {
  await ka.get("/v1/clusters/{cluster_id}", {
    params: { path: { cluster_id: "0b6f1f6e-0000-4000-8000-00000000ffff" } },
  });
} catch (caught) {
  error = caught;
}
report({
  one: one.id,
  ids,
  guard: isKubeadaptError(error),
  name: error?.name,
  status: error?.status,
});
`;
const REPORT = "const report = (value) => console.log(JSON.stringify(value));\n";

const EXPECTED = {
  one: "c1",
  ids: ["c1", "c2", "c3"],
  guard: true,
  name: "NotFoundError",
  status: 404,
};

async function node(file: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [file], { cwd: app });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

// What `prepack` builds from. The build runs in a copy, so the test never rewrites the repo's
// dist/ under a command that is using it.
const BUILD_INPUTS = [
  "package.json",
  "README.md",
  "LICENSE",
  "tsup.config.ts",
  "tsconfig.json",
  "src",
  "generated",
];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "kubeadapt-pack-"));
  const repo = join(work, "repo");
  for (const input of BUILD_INPUTS) {
    await cp(join(root, input), join(repo, input), { recursive: true });
  }
  await symlink(join(root, "node_modules"), join(repo, "node_modules"), "dir");
  // `--ignore-scripts=false`: prepack must build even if the caller's npm config skips scripts.
  await run("npm", ["pack", "--ignore-scripts=false", "--pack-destination", work], {
    cwd: repo,
    maxBuffer: 16 * 1024 * 1024,
  });
  const tarball = (await readdir(work)).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
  const { stdout } = await run("tar", ["-tzf", join(work, tarball)]);
  files = stdout.split("\n").filter(Boolean);

  app = join(work, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  // openapi-fetch comes from the npm cache when it is there, else from the registry.
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, tarball)],
    { cwd: app },
  );
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("holds only dist, the bundled spec, README, LICENSE and package.json", () => {
    const outside = files.filter(
      (file) =>
        !/^package\/(dist\/.+|generated\/openapi\.(json|yaml)|README\.md|LICENSE|package\.json)$/.test(
          file,
        ),
    );
    expect(outside).toEqual([]);
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/dist/index.cjs");
    expect(files).toContain("package/dist/index.d.ts");
    expect(files).toContain("package/dist/index.d.cts");
  });

  it("installs with openapi-fetch and undici as its only dependencies", async () => {
    const installed = JSON.parse(
      await readFile(join(app, "node_modules/kubeadapt/package.json"), "utf8"),
    );
    expect(Object.keys(installed.dependencies)).toEqual(["openapi-fetch", "undici"]);
    expect(installed.sideEffects).toBe(false);
    expect(existsSync(join(app, "node_modules/openapi-fetch"))).toBe(true);
  });

  it("has the main entry import openapi-fetch alone; undici only kubeadapt/node", async () => {
    const imports = async (file: string) => {
      const code = await readFile(join(app, "node_modules/kubeadapt/dist", file), "utf8");
      const found = code.matchAll(
        /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["']([^"']+)["']/g,
      );
      return [...new Set([...found].map((match) => match[1] as string))].sort();
    };
    expect(await imports("index.js")).toEqual(["openapi-fetch"]);
    expect(await imports("index.cjs")).toEqual(["openapi-fetch"]);
    for (const file of ["node/index.js", "node/index.cjs"]) {
      expect((await imports(file)).filter((name) => !name.startsWith("node:"))).toEqual(["undici"]);
    }
  });
});

describe("the installed package", () => {
  it("works through import from an ES module", async () => {
    const file = join(app, "esm.mjs");
    await writeFile(
      file,
      `import { createKubeadapt, isKubeadaptError } from "kubeadapt";\n${REPORT}${STUB_FETCH}${SCENARIO}`,
    );
    expect(await node(file)).toEqual(EXPECTED);
  });

  it("works through require from a CommonJS module", async () => {
    const file = join(app, "cjs.cjs");
    await writeFile(
      file,
      `const { createKubeadapt, isKubeadaptError } = require("kubeadapt");\n${REPORT}${STUB_FETCH}` +
        `(async () => {${SCENARIO}})().catch((error) => { console.error(error); process.exit(1); });`,
    );
    expect(await node(file)).toEqual(EXPECTED);
  });

  it("works without a process global (browsers, Deno)", async () => {
    const file = join(app, "no-process.mjs");
    await writeFile(
      file,
      `const saved = globalThis.process;\ndelete globalThis.process;\n` +
        `const { createKubeadapt, isKubeadaptError } = await import("kubeadapt");\n` +
        "const report = (value) => saved.stdout.write(JSON.stringify(value) + '\\n');\n" +
        `${STUB_FETCH}${SCENARIO}` +
        `if (typeof globalThis.process !== "undefined") throw new Error("process came back");\n`,
    );
    expect(await node(file)).toEqual(EXPECTED);
  });

  it("exports kubeadapt/testing to ESM and CommonJS", async () => {
    const file = join(app, "testing.mjs");
    await writeFile(
      file,
      `import { createRequire } from "node:module";
import { createKubeadapt } from "kubeadapt";
import { createFakeKubeadapt } from "kubeadapt/testing";
const required = createRequire(import.meta.url)("kubeadapt/testing");
const fake = createFakeKubeadapt({ token: "tok" });
const ka = createKubeadapt({ token: "tok", baseUrl: fake.baseUrl, fetch: fake.fetch });
const clusters = await ka.get("/v1/clusters");
console.log(JSON.stringify({
  cjs: typeof required.createFakeKubeadapt,
  clusters: Array.isArray(clusters) && clusters.length > 0,
}));
`,
    );
    expect(await node(file)).toEqual({ cjs: "function", clusters: true });
  });
  it("exports kubeadapt/money to ESM and CommonJS, exact and with typed errors", async () => {
    const script = (load: string) => `${load}
const a = { amount: "12345678901234567890.1234", currency: "USD" };
const b = { amount: "0.0001", currency: "USD" };
let error;
try {
  m.add(a, { amount: "1.0000", currency: "EUR" });
} catch (caught) {
  error = caught;
}
console.log(JSON.stringify({
  sum: m.sum([a, b]).amount,
  format: m.format(a, "en-US"),
  guard: m.isCurrencyMismatchError(error),
  name: error?.name,
}));
`;
    const esm = join(app, "money.mjs");
    const cjs = join(app, "money.cjs");
    await writeFile(esm, script('import * as m from "kubeadapt/money";'));
    await writeFile(cjs, script('const m = require("kubeadapt/money");'));
    const expected = {
      sum: "12345678901234567890.1235",
      format: "$12,345,678,901,234,567,890.12",
      guard: true,
      name: "CurrencyMismatchError",
    };
    expect(await node(esm)).toEqual(expected);
    expect(await node(cjs)).toEqual(expected);
  });
});

describe("the spec exports", () => {
  const committed = (name: string) => readFile(join(root, "generated", name), "utf8");

  it("kubeadapt/openapi.json is the bundled spec, from import and from require", async () => {
    const file = join(app, "spec-json.mjs");
    await writeFile(
      file,
      `import { createRequire } from "node:module";
import spec from "kubeadapt/openapi.json" with { type: "json" };
const required = createRequire(import.meta.url)("kubeadapt/openapi.json");
console.log(JSON.stringify({ imported: spec, same: JSON.stringify(required) === JSON.stringify(spec) }));
`,
    );
    const result = (await node(file)) as { imported: unknown; same: boolean };
    expect(result.same).toBe(true);
    expect(result.imported).toEqual(JSON.parse(await committed("openapi.json")));
  });

  it("kubeadapt/openapi.yaml resolves to a single-file YAML of the same spec", async () => {
    const file = join(app, "spec-yaml.mjs");
    await writeFile(
      file,
      `import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
const path = fileURLToPath(import.meta.resolve("kubeadapt/openapi.yaml"));
console.log(JSON.stringify({ path, text: readFileSync(path, "utf8") }));
`,
    );
    const { path, text } = (await node(file)) as { path: string; text: string };
    expect(path).toBe(join(app, "node_modules/kubeadapt/generated/openapi.yaml"));
    expect(text).toBe(await committed("openapi.yaml"));
    const spec = parse(text);
    expect(spec).toEqual(JSON.parse(await committed("openapi.json")));
    expect(JSON.stringify(spec)).not.toContain('"$ref":"./');
  });
});

describe("kubeadapt/node", () => {
  it("exports nodeTransport to ESM and CommonJS, and a client walks through it", async () => {
    const file = join(app, "node-transport.mjs");
    await writeFile(
      file,
      `import { createServer } from "node:http";
import { createRequire } from "node:module";
import { createKubeadapt } from "kubeadapt";
import { nodeTransport } from "kubeadapt/node";
const required = createRequire(import.meta.url)("kubeadapt/node");
const page = JSON.stringify({ data: [{ id: "c1" }], meta: { pagination: { has_more: false } } });
const server = createServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(page));
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const ka = createKubeadapt({ token: "tok", baseUrl: "http://127.0.0.1:" + server.address().port, fetch: nodeTransport() });
const ids = (await ka.paginate("/v1/clusters").toArray({ max: 10 })).map((c) => c.id);
server.close();
console.log(JSON.stringify({ cjs: typeof required.nodeTransport, ids }));
`,
    );
    expect(await node(file)).toEqual({ cjs: "function", ids: ["c1"] });
  });
});

describe("kubeadapt/contract", () => {
  // The suite against the in-process fake: import from ESM, require from CommonJS.
  const scenario = (load: string) => `${load}
const { createFakeKubeadapt, fakeContractHooks } = await import("kubeadapt/testing");
const fake = createFakeKubeadapt({ token: "tok" });
const streamed = [];
const report = await runContract({
  baseUrl: fake.baseUrl, token: "tok", fetch: fake.fetch, rate: 0,
  hooks: fakeContractHooks(fake), only: ["limit-bounds", "cursor-expired", "rate-limited"],
  onResult: (result) => streamed.push(result.id),
});
console.log(JSON.stringify({
  statuses: report.checks.map((c) => c.status),
  streamed,
  ids: contractChecks.length > 5,
  xml: toJUnitXml(report).includes('<testsuite name="kubeadapt-contract"'),
}));
`;
  const EXPECTED_RUN = {
    statuses: ["passed", "passed", "passed"],
    streamed: ["limit-bounds", "cursor-expired", "rate-limited"],
    ids: true,
    xml: true,
  };

  it("runs from an ES module, with Ajv bundled in (not installed)", async () => {
    expect(existsSync(join(app, "node_modules/ajv"))).toBe(false);
    const file = join(app, "contract-esm.mjs");
    await writeFile(
      file,
      scenario('import { contractChecks, runContract, toJUnitXml } from "kubeadapt/contract";'),
    );
    expect(await node(file)).toEqual(EXPECTED_RUN);
  }, 30_000);

  it("runs from a CommonJS module", async () => {
    const file = join(app, "contract-cjs.cjs");
    const body = scenario(
      'const { contractChecks, runContract, toJUnitXml } = require("kubeadapt/contract");',
    );
    await writeFile(
      file,
      `(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });`,
    );
    expect(await node(file)).toEqual(EXPECTED_RUN);
  }, 30_000);
});

describe("the kubeadapt command", () => {
  it("is installed as a bin and prints the package's version", async () => {
    const { stdout } = await run(join(app, "node_modules/.bin/kubeadapt"), ["--version"], {
      cwd: app,
    });
    const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    expect(stdout.trim()).toBe(version);
  });

  it("runs its contract suite (ajv bundled in) without ajv installed", async () => {
    const code = await readFile(join(app, "node_modules/kubeadapt/dist/cli/main.js"), "utf8");
    expect(code).not.toMatch(/^import[^\n]*["']ajv|__require\(\s*["']ajv/m);
    expect(existsSync(join(app, "node_modules/ajv"))).toBe(false);
    const file = join(app, "contract.mjs");
    await writeFile(
      file,
      `import { execFile } from "node:child_process";
import { createFakeKubeadapt } from "kubeadapt/testing";
const server = await createFakeKubeadapt({ token: "tok" }).listen();
const env = { ...process.env, KUBEADAPT_API_TOKEN: "tok" };
const args = ["contract", "--base-url", server.url, "--mode", "live", "--rate", "0"];
execFile("node_modules/.bin/kubeadapt", args, { env }, async (error, stdout, stderr) => {
  await server.close();
  console.log(JSON.stringify({ exit: error ? error.code : 0, stderr, last: stdout.trim().split("\\n").at(-1) }));
});
`,
    );
    const result = (await node(file)) as { exit: number; stderr: string; last: string };
    expect(result).toMatchObject({ exit: 0, stderr: "" });
    expect(result.last).toMatch(/\d+ passed, 0 failed/);
  }, 30_000);
});

describe("the main entry's ESM build", () => {
  it("is runtime-neutral: no node: imports, process only behind a typeof guard", async () => {
    const code = await readFile(join(app, "node_modules/kubeadapt/dist/index.js"), "utf8");
    expect(code).not.toMatch(/\bfrom\s*["']node:|import\(\s*["']node:|require\(\s*["']node:/);
    const unguarded = [...code.matchAll(/\bprocess\s*\./g)].filter((match) => {
      // The function that reads `process.` must test `typeof process` before it.
      const before = code.slice(0, match.index);
      const body = before.slice(before.lastIndexOf("function "));
      return !/typeof process\s*[!=]==?\s*["']undefined["']/.test(body);
    });
    expect(unguarded.map((match) => code.slice(match.index, match.index + 40))).toEqual([]);
  });
});

describe("the installed package's types", () => {
  // Like @tsconfig/node20: no DOM lib, @types/node only, and the .d.ts files checked
  // (skipLibCheck off). A DOM-only name (HeadersInit) in them was TS2304 there.
  it("compile in a Node-only project, imported from ESM and CommonJS", async () => {
    // Every export that has types (not the spec files or package.json).
    const { exports } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    const entries = Object.entries(exports as Record<string, unknown>)
      .filter(([, target]) => typeof target === "object")
      .map(([subpath]) => subpath.replace(/^\./, "kubeadapt"));
    expect(entries).toContain("kubeadapt/money");
    const imports = entries.map((entry, i) => `import * as e${i} from "${entry}";`).join("\n");
    const use = `void [${entries.map((_, i) => `e${i}`).join(", ")}];\n`;
    await writeFile(join(app, "types.mts"), `${imports}\n${use}`);
    await writeFile(join(app, "types.cts"), `${imports}\n${use}`);
    const compilerOptions = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      lib: ["es2022"],
      types: ["node"],
      typeRoots: [join(root, "node_modules/@types")],
      skipLibCheck: false,
      noEmit: true,
    };
    await writeFile(
      join(app, "tsconfig.node-only.json"),
      JSON.stringify({ compilerOptions, files: ["types.mts", "types.cts"] }),
    );
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", "tsconfig.node-only.json"], {
      cwd: app,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(result.stdout).toBe("");
  }, 60_000);
});
