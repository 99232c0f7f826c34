import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CodeBlock,
  documentationBlocks,
  extractCodeBlocks,
} from "../../scripts/docs/code-blocks.js";
import { typecheckSnippets } from "../../scripts/docs/typecheck-snippets.js";
import { repoRoot } from "../../scripts/lib/exec.js";

const SAMPLE = [
  "# Guide", //                                       1
  "", //                                              2
  "```ts", //                                         3
  'import { createKubeadapt } from "kubeadapt";', //  4
  "const ka = createKubeadapt();", //                 5
  'for await (const w of ka.paginate("/v1/workloads")) console.log(w.metadata.name);', // 6
  "```", //                                           7
  "", //                                              8
  "- a step:", //                                     9
  "", //                                              10
  "  ```typescript fragment", //                      11
  "  ka.paginate(path);", //                          12
  "  ```", //                                         13
  "", //                                              14
  "```sh", //                                         15
  "npm test", //                                      16
  "```", //                                           17
].join("\n");

const INTERNAL = '```ts\nimport { redact } from "kubeadapt/internal/redact";\nredact("x");\n```';

/** Broken and sound fixtures, compiled in the same program as the real docs (one compile). */
const FIXTURES: CodeBlock[] = [
  ...extractCodeBlocks(SAMPLE, "fixture/good.md"),
  ...extractCodeBlocks(SAMPLE.replace('"/v1/workloads"', '"/v1/workload"'), "fixture/path.md"),
  ...extractCodeBlocks(SAMPLE.replace("w.metadata.name", "w.metadata.nmae"), "fixture/typo.md"),
  ...extractCodeBlocks(INTERNAL, "fixture/internal.md"),
];

const docBlocks = documentationBlocks();
const examples = readdirSync(join(repoRoot, "examples"))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join(repoRoot, "examples", file));
let brokenProgram = "";
let errors: string[] = [];

// One compile of everything: it takes seconds (the SDK's sources are type-checked too).
beforeAll(() => {
  mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, ".tmp", "example-"));
  brokenProgram = join(dir, "broken-example.ts");
  writeFileSync(
    brokenProgram,
    'import { createKubeadapt } from "kubeadapt";\ncreateKubeadapt({ retries: 2 });\n',
  );
  try {
    errors = typecheckSnippets([...FIXTURES, ...docBlocks], [brokenProgram, ...examples]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

const at = (where: string) => errors.filter((error) => error.startsWith(`${where}: `));

describe("TypeScript blocks of the docs", () => {
  it("extracts every ts block with the line its code starts on, fragments marked", () => {
    expect(extractCodeBlocks(SAMPLE, "guide.md")).toEqual([
      expect.objectContaining({ file: "guide.md", line: 4, fragment: false }),
      { file: "guide.md", line: 12, code: "ka.paginate(path);", fragment: true },
    ]);
  });

  it("compile against the package's public surface: broken blocks and programs fail at their line", () => {
    expect(at("fixture/good.md:6")).toEqual([]);
    expect(at("fixture/path.md:6").join("\n")).toContain('"/v1/workload"');
    expect(at("fixture/typo.md:6")).toEqual([
      expect.stringContaining("Property 'nmae' does not exist"),
    ]);
    expect(at("fixture/internal.md:2")).toEqual([
      expect.stringContaining("Cannot find module 'kubeadapt/internal/redact'"),
    ]);
    expect(at(`${brokenProgram}:2`)).toEqual([expect.stringContaining("'retries' does not exist")]);
    const located =
      /^fixture\/(path|typo)\.md:6: |^fixture\/internal\.md:2: |broken-example\.ts:2: /;
    expect(errors.filter((error) => error.startsWith("fixture/") && !located.test(error))).toEqual(
      [],
    );
  });

  it("README.md, every docs/guides/*.md and every examples/*.ts compile (fragments skipped, counted)", () => {
    const byFile = new Map<string, { checked: number; fragments: number }>();
    for (const block of docBlocks) {
      const counts = byFile.get(block.file) ?? { checked: 0, fragments: 0 };
      if (block.fragment) counts.fragments++;
      else counts.checked++;
      byFile.set(block.file, counts);
    }
    console.log(
      [...byFile]
        .map(
          ([file, { checked, fragments }]) =>
            `${file}: ${checked} checked, ${fragments} fragments skipped`,
        )
        .join("\n"),
    );
    const ours = errors.filter(
      (error) => !error.startsWith("fixture/") && !error.includes("broken-example"),
    );
    expect(ours).toEqual([]);
    expect(byFile.get("README.md")?.checked).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });
});
