/**
 * `npm run lock:platforms`: adds the lockfile entries that npm leaves out for optional
 * platform packages (biome's and rollup's other-OS binaries) when the registry it installs from
 * does not carry them. Without them `npm ci` refuses the lock as "not in sync" on every machine.
 * Each added entry is optional and names its os/cpu (and libc), so npm skips it here: nothing
 * is fetched for it. Run after any `npm install` that rewrites package-lock.json.
 */
import { readFileSync, writeFileSync } from "node:fs";

interface LockEntry {
  version?: string;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  [key: string]: unknown;
}

const OSES = ["android", "darwin", "freebsd", "linux", "openbsd", "openharmony", "sunos", "win32"];
const CPUS: Record<string, string> = {
  arm64: "arm64",
  x64: "x64",
  ia32: "ia32",
  arm: "arm",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
};

/** The os/cpu/libc a platform package's name says it is for, or undefined if it says none. */
export function platformOf(name: string): Pick<LockEntry, "os" | "cpu" | "libc"> | undefined {
  const parts = name.split("/").pop()?.split("-") ?? [];
  const os = parts.find((part) => OSES.includes(part));
  const cpu = parts.map((part) => CPUS[part]).find((value) => value !== undefined);
  if (!os || !cpu) return undefined;
  const libc = parts.includes("musl") ? ["musl"] : os === "linux" ? ["glibc"] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8")) as { packages: Record<string, LockEntry> };
const added: string[] = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const platform = platformOf(name);
    if (lock.packages[key] || !platform) continue;
    lock.packages[key] = { version, optional: true, ...platform };
    added.push(`${name}@${version} (for ${path || "the root"})`);
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
);
writeFileSync(file, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(
  added.length ? `added ${added.length} entries:\n  ${added.join("\n  ")}` : "lock complete",
);
