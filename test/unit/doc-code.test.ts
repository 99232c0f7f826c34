import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentationBlocks, extractCodeBlocks } from "../../scripts/docs/code-blocks.js";
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

// Each compile takes a few seconds (the SDK's sources are type-checked with the blocks).
const COMPILE_MS = 60_000;

describe("TypeScript blocks of the docs", () => {
  it("extracts every ts block with the line its code starts on, fragments marked", () => {
    expect(extractCodeBlocks(SAMPLE, "guide.md")).toEqual([
      expect.objectContaining({ file: "guide.md", line: 4, fragment: false }),
      { file: "guide.md", line: 12, code: "ka.paginate(path);", fragment: true },
    ]);
  });

  it(
    "compile against the package's public surface; fragments are skipped, broken blocks and programs fail at their line",
    () => {
      const internal =
        '```ts\nimport { redact } from "kubeadapt/internal/redact";\nredact("x");\n```';
      mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
      const dir = mkdtempSync(join(repoRoot, ".tmp", "example-"));
      const program = join(dir, "broken-example.ts");
      writeFileSync(
        program,
        'import { createKubeadapt } from "kubeadapt";\ncreateKubeadapt({ retries: 2 });\n',
      );
      let errors: string[];
      try {
        errors = typecheckSnippets(
          [
            ...extractCodeBlocks(SAMPLE, "good.md"),
            ...extractCodeBlocks(SAMPLE.replace('"/v1/workloads"', '"/v1/workload"'), "path.md"),
            ...extractCodeBlocks(SAMPLE.replace("w.metadata.name", "w.metadata.nmae"), "typo.md"),
            ...extractCodeBlocks(internal, "internal.md"),
          ],
          [program],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const at = (where: string) => errors.filter((error) => error.startsWith(`${where}: `));
      expect(at("path.md:6").join("\n")).toContain('"/v1/workload"');
      expect(at("typo.md:6")).toEqual([expect.stringContaining("Property 'nmae' does not exist")]);
      expect(at("internal.md:2")).toEqual([
        expect.stringContaining("Cannot find module 'kubeadapt/internal/redact'"),
      ]);
      expect(at(`${program}:2`)).toEqual([expect.stringContaining("'retries' does not exist")]);
      const located = /^(path|typo)\.md:6: |^internal\.md:2: |broken-example\.ts:2: /;
      expect(errors.filter((error) => !located.test(error))).toEqual([]);
    },
    COMPILE_MS,
  );

  it(
    "README.md, every docs/guides/*.md and every examples/*.ts compile",
    () => {
      const blocks = documentationBlocks();
      const examples = readdirSync(join(repoRoot, "examples"))
        .filter((file) => file.endsWith(".ts"))
        .map((file) => join(repoRoot, "examples", file));
      const errors = typecheckSnippets(blocks, examples);
      const byFile = new Map<string, { checked: number; fragments: number }>();
      for (const block of blocks) {
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
      expect(errors).toEqual([]);
      expect(byFile.get("README.md")?.checked).toBeGreaterThan(0);
      expect(examples.length).toBeGreaterThanOrEqual(5);
    },
    COMPILE_MS,
  );
});
