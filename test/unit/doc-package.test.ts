// What the docs say about the package itself (entry points, dependencies, published files, the
// Node floor, the runtimes tested, the npm scripts) is what package.json and the runtimes test
// hold.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.js";
import { BUN_VERSION, DENO_VERSION, NODES } from "../../scripts/runtimes/pins.js";
import {
  allDocs,
  factProblems,
  readDoc,
  type StatedFact,
  statedAnywhere,
} from "../helpers/doc-facts.js";

interface Manifest {
  name: string;
  engines: { node: string };
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Manifest;

/** The subpaths of `exports` that are code (`kubeadapt/testing`), not files (`openapi.json`). */
function codeEntries({ name, exports }: Pick<Manifest, "name" | "exports">): string[] {
  return Object.entries(exports)
    .filter(([subpath, target]) => subpath !== "." && typeof target === "object")
    .map(([subpath]) => `${name}/${subpath.slice(2)}`);
}

/** The entry each `| \`dist/…\` | \`kubeadapt/x\` …` row of the package guide's table names. */
function tabledEntries(markdown: string, name: string): string[] {
  const rows = markdown.split("\n").filter((line) => line.startsWith("| `dist/"));
  return rows.flatMap(
    (row) => new RegExp(`^\\| [^|]+\\| \`(${name}/[\\w-]+)\``).exec(row)?.[1] ?? [],
  );
}

/** Every `kubeadapt/…` specifier a text names in backticks. */
function namedSpecifiers(text: string, name: string): string[] {
  return [...text.matchAll(new RegExp(`\`(${name}/[\\w.-]+)`, "g"))].map((m) => m[1] as string);
}

/** Every `npm run x` (or `npm test`, `npm start`) a text names, as the script's name. */
function namedScripts(text: string): string[] {
  return [...text.matchAll(/`npm (?:run ([\w:-]+)|(test|start))\b/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

/** The scripts `npm test` runs before vitest, in order. */
const testSteps = [...(manifest.scripts.test ?? "").matchAll(/npm run ([\w:-]+)/g)].map(
  (m) => m[1],
);
/** Lifecycle scripts npm runs by itself: documented where they act (`prepack`: the package guide). */
const LIFECYCLE = new Set(["prepack"]);

const floor = manifest.engines.node.replace(/^>=\s*/, "");
const majors = [floor.split(".")[0], ...Object.values(NODES).map((v) => v.split(".")[0])];
const and = (items: readonly string[]) => `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

const FACTS: StatedFact[] = [
  ...statedAnywhere(
    // Not another package's floor ("… declares Node >= 22", "undici 8 needs Node >= 22.19").
    {
      pattern: /(?<!(?:declares|needs) )Node >= ([\d.]+)/g,
      expected: floor,
      source: "package.json engines.node",
    },
    ["README.md", "docs/guides/client.md", "docs/guides/package.md", "docs/guides/quick-start.md"],
  ),
  ...statedAnywhere(
    {
      pattern: /\bNode (\d+)(?: or newer|\+)/g,
      expected: majors[0] as string,
      source: "package.json engines.node's major",
    },
    ["docs/guides/quick-start.md"],
  ),
  // What a contributor needs is the exact floor: Node 20.0 to 20.18.0 lack undici 7's APIs.
  ...statedAnywhere(
    {
      pattern: /\bNode (\d+\.[\d.]+) or newer/g,
      expected: floor,
      source: "package.json engines.node",
    },
    ["CONTRIBUTING.md"],
  ),
  ...statedAnywhere(
    {
      pattern: /on Node ([\d,\sand]+?),\s+Bun/g,
      expected: and(majors as string[]),
      source: "the Node majors of npm run test:runtimes",
    },
    ["README.md", "CONTRIBUTING.md", "docs/guides/quick-start.md"],
  ),
  {
    file: "docs/guides/project.md",
    pattern: /in Node ([\d.,\sand]+?), Bun/g,
    expected: and([majors[0] as string, ...Object.values(NODES)]),
    source: "the Node versions of npm run test:runtimes",
  },
  {
    file: "docs/guides/client.md",
    pattern: /^\| Node \| [^,]+, ([^|]+?) \|$/gm,
    expected: Object.values(NODES).join(", "),
    source: "the Node versions of npm run test:runtimes",
  },
  ...["docs/guides/client.md", "docs/guides/project.md"].flatMap((file) => [
    { file, pattern: /Bun \|? ?([\d.]+\d)/g, expected: BUN_VERSION, source: "BUN_VERSION" },
    { file, pattern: /Deno \|? ?([\d.]+\d)/g, expected: DENO_VERSION, source: "DENO_VERSION" },
  ]),
];

describe("the package as the docs describe it", () => {
  const guide = readDoc("docs/guides/package.md");

  it("the package guide's table has a row for every code entry package.json exports", () => {
    expect(tabledEntries(guide, manifest.name)).toEqual(codeEntries(manifest));
  });

  it("every kubeadapt/… the docs name is an entry of exports", () => {
    const exported = new Set(
      Object.keys(manifest.exports).map((key) => `kubeadapt${key.slice(1)}`),
    );
    const named = allDocs().flatMap((file) =>
      namedSpecifiers(readDoc(file), manifest.name).map((specifier) => `${file}: ${specifier}`),
    );
    expect(named.length).toBeGreaterThanOrEqual(20);
    expect(named.filter((each) => !exported.has(each.split(": ")[1] as string))).toEqual([]);
  });

  it("names the runtime dependencies and the published files package.json lists", () => {
    const deps = /The runtime dependencies are `([\w-]+)` \([^)]*\) and `([\w-]+)`/.exec(guide);
    expect(deps?.slice(1).sort()).toEqual(Object.keys(manifest.dependencies).sort());
    const tarball = /the\s+tarball holds ([\s\S]+?), nothing else/.exec(guide)?.[1] ?? "";
    const held = (tarball.replace(/\([^)]*\)/g, "").match(/`[^`]+`/g) ?? []).map((f) =>
      f.slice(1, -1),
    );
    const published = manifest.files.filter((file) => !file.startsWith("!"));
    expect(held.map((file) => file.replace(/\/$/, "")).sort()).toEqual(
      [...published, "package.json"].sort(),
    );
  });

  it("states the Node floor of engines and the runtimes npm run test:runtimes pins", () => {
    expect(factProblems(FACTS)).toEqual([]);
  });

  it("lists every npm script in the project guide, and only scripts that exist", () => {
    const table = readDoc("docs/guides/project.md")
      .split("\n")
      .filter((l) => l.startsWith("| `npm"));
    const tabled = table.map((row) => namedScripts(row)[0]);
    const scripts = Object.keys(manifest.scripts).filter((name) => !LIFECYCLE.has(name));
    expect([...tabled].sort()).toEqual(scripts.sort());
    const named = allDocs().flatMap((file) =>
      namedScripts(readDoc(file)).map((script) => `${file}: ${script}`),
    );
    expect(named.filter((each) => !((each.split(": ")[1] as string) in manifest.scripts))).toEqual(
      [],
    );
    const build = table.find((row) => row.startsWith("| `npm run build` |")) ?? "";
    expect(namedSpecifiers(build, manifest.name).sort()).toEqual(codeEntries(manifest).sort());
  });

  it("says what npm test runs before vitest, in package.json's order", () => {
    const project = /^\| `npm test` \| (.+?), then vitest/m.exec(readDoc("docs/guides/project.md"));
    const contributing = /runs, in order: (.+?), then every Vitest/s.exec(
      readDoc("CONTRIBUTING.md"),
    );
    for (const stated of [project?.[1], contributing?.[1]]) {
      expect(stated?.match(/(?<=`)[\w:-]+(?=`)/g)).toEqual(testSteps);
    }
    expect(testSteps.length).toBeGreaterThanOrEqual(5);
  });

  it("notices an entry, a specifier, a script or a runtime that is not package.json's", () => {
    const pkg = {
      name: "kubeadapt",
      exports: { ".": {}, "./a": {}, "./b": {}, "./spec.json": "./s.json" },
    };
    const table = "| `dist/a/…` | `kubeadapt/a`, the same four files |\n| `dist/x.js` | the bin |";
    expect(codeEntries(pkg)).toEqual(["kubeadapt/a", "kubeadapt/b"]);
    expect(tabledEntries(table, "kubeadapt")).toEqual(["kubeadapt/a"]);
    expect(
      namedSpecifiers("`kubeadapt/testing` and `kubeadapt/openapi.json`", "kubeadapt"),
    ).toEqual(["kubeadapt/testing", "kubeadapt/openapi.json"]);
    expect(
      namedScripts("`npm test`, `npm run test:browser` and `npm run docs -- --out x`"),
    ).toEqual(["test", "test:browser", "docs"]);
    const stale = "Bun 1.3.0 and Deno 2.9.6, on Node 20, 22\nand 24, Bun.";
    const picked = FACTS.filter(
      ({ file, source }) =>
        (file === "README.md" && source.includes("majors")) ||
        (file === "docs/guides/client.md" && /BUN|DENO/.test(source)),
    );
    expect(picked).toHaveLength(3);
    expect(factProblems(picked, () => stale)).toEqual([
      "README.md:1: says 20, 22\nand 24 where the Node majors of npm run test:runtimes is 20, 22, 24 and 26",
      "docs/guides/client.md:1: says 1.3.0 where BUN_VERSION is 1.4.4",
    ]);
    const exact = FACTS.filter(
      ({ file, source }) => file === "CONTRIBUTING.md" && source === "package.json engines.node",
    );
    expect(factProblems(exact, () => "You need Node 20 or newer.\nNode 20.1 or newer.")).toEqual([
      `CONTRIBUTING.md:2: says 20.1 where package.json engines.node is ${floor}`,
    ]);
  });
});
