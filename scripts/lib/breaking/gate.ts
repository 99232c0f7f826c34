import semver from "semver";

/** The release gate's verdict. */
export interface GateVerdict {
  ok: boolean;
  reason: string;
}

/**
 * Breaking changes pass only when `packageVersion`'s major is above the released one's. This
 * holds for 0.x too (stricter than semver, which lets 0.x minors break): apps built on 0.x
 * get the same promise.
 */
export function releaseGate(
  breaking: number,
  released: string,
  packageVersion: string,
): GateVerdict {
  if (semver.lt(packageVersion, released)) {
    return {
      ok: false,
      reason: `package.json version ${packageVersion} is below the last release ${released}`,
    };
  }
  if (breaking === 0) return { ok: true, reason: `no breaking change since ${released}` };
  const count = `${breaking} breaking change(s) since ${released}`;
  if (semver.major(packageVersion) > semver.major(released)) {
    return {
      ok: true,
      reason: `${count}, allowed: the major version is raised (${packageVersion})`,
    };
  }
  return {
    ok: false,
    reason:
      `${count} with package.json at ${packageVersion}: undo them, or release a new major ` +
      `(npm run release -- major)`,
  };
}
