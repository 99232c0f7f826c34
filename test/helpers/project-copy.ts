import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** A throwaway copy of the project's release inputs: openapi/ (with its snapshots), package.json, CHANGELOG.md, README.md. */
export interface ProjectCopy {
  root: string;
  /** Sets package.json's version (and package-lock.json's). */
  setVersion(version: string): void;
  /** Edits one YAML file under openapi/ with the yaml library (`setIn` paths). */
  editSpec(file: string, path: (string | number)[], value: unknown): void;
  read(file: string): string;
  remove(): void;
}

/** Copies the release inputs into a temp dir; `package.json` holds just what the scripts read. */
export function copyProject(version = "0.1.0"): ProjectCopy {
  const root = mkdtempSync(join(tmpdir(), "kubeadapt-release-"));
  cpSync(join(repoRoot, "openapi"), join(root, "openapi"), { recursive: true });
  cpSync(join(repoRoot, "CHANGELOG.md"), join(root, "CHANGELOG.md"));
  cpSync(join(repoRoot, "README.md"), join(root, "README.md"));
  const { repository } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  const copy: ProjectCopy = {
    root,
    setVersion(next) {
      const manifest = { name: "kubeadapt", version: next, repository };
      writeFileSync(join(root, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      const lock = { name: "kubeadapt", version: next, packages: { "": { version: next } } };
      writeFileSync(join(root, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
    },
    editSpec(file, path, value) {
      const target = join(root, "openapi", file);
      const doc = parseDocument(readFileSync(target, "utf8"));
      doc.setIn(path, value);
      writeFileSync(target, doc.toString());
    },
    read: (file) => readFileSync(join(root, file), "utf8"),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  copy.setVersion(version);
  return copy;
}

/** A breaking edit: `limit`'s maximum lowered from 500 to 200 (`request-parameter-max-decreased`). */
export function lowerLimitMaximum(copy: ProjectCopy): void {
  copy.editSpec("components/parameters/Limit.yaml", ["schema", "maximum"], 200);
}

/** A non-breaking edit: an optional query parameter on GET /v1/organization (`new-optional-request-parameter`). */
export function addOptionalParameter(copy: ProjectCopy): void {
  copy.editSpec(
    "paths/v1@organization.yaml",
    ["get", "parameters"],
    [{ name: "fields", in: "query", description: "Fields to return.", schema: { type: "string" } }],
  );
}
