import { defineConfig } from "vitest/config";

// The docs checkers' own tests: they need Chromium, so `npm run test:browser` runs them (before
// checking the real site) rather than `npm test`, whose projects do not include this folder.
export default defineConfig({
  test: { include: ["test/browser/**/*.test.ts"], testTimeout: 60_000 },
});
