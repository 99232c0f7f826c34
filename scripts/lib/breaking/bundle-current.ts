import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "../generate.js";
import { SpecInputError } from "./document.js";

/** The spec under `<root>/openapi/`, bundled by Redocly as `npm run bundle` does, as text. */
export function bundleCurrent(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), "kubeadapt-breaking-"));
  try {
    bundle(join(root, "openapi"), dir);
    return readFileSync(join(dir, "openapi.json"), "utf8");
  } catch (error) {
    throw new SpecInputError(
      `${join(root, "openapi")} does not bundle: ${(error as Error).message}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
