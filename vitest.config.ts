import { defineConfig } from "vitest/config";
import { publicAliases } from "./scripts/docs/entries.js";
import { versionDefine } from "./scripts/lib/version-define.js";

export default defineConfig({
  // As tsup's build does: the SDK's User-Agent names package.json's version.
  define: versionDefine,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          // Compile-only type tests (expectTypeOf, @ts-expect-error) run through tsc.
          typecheck: {
            enabled: true,
            include: ["test/types/**/*.test-d.ts"],
            tsconfig: "./tsconfig.json",
          },
        },
      },
      {
        extends: true,
        // The SDK against the fake API, in-process and over HTTP on loopback.
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 30_000 },
      },
      {
        extends: true,
        // The CLI run as a separate process, against the demo API and a fake on loopback.
        test: {
          name: "cli",
          include: ["test/cli/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        // examples/ as users write them (`kubeadapt`, `kubeadapt/testing`, ... mapped to src/),
        // and the runner of its programs against the fake.
        resolve: { alias: publicAliases() },
        test: {
          name: "examples",
          include: ["examples/**/*.test.ts", "test/examples/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          // A guard against a hang, as in the other projects: vitest's 5 s default timed out a
          // whole-suite run over HTTP on a machine loaded by other test runs.
          testTimeout: 30_000,
          globalSetup: ["test/helpers/prism-global-setup.ts"],
        },
      },
    ],
  },
});
