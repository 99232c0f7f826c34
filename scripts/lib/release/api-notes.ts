import { compareSpecs, METHODS } from "../breaking/compare.js";
import type { Spec } from "../breaking/document.js";
import { asObject } from "../breaking/refs.js";
import { type ChangeGroup, formatMarkdown, groupChanges } from "../breaking/report.js";

const apiVersion = (spec: Spec) => String(asObject(spec.info).version ?? "?");

/** The changes from the last release's spec to this one, grouped. */
export function apiChanges(previous: Spec, current: Spec): ChangeGroup[] {
  return groupChanges(compareSpecs(previous, current));
}

/** The API part of a release's CHANGELOG section, for a release that follows `previous`. */
export function apiNotes(
  current: Spec,
  previous?: { version: string; spec: Spec; groups: ChangeGroup[] },
): string {
  if (!previous) return firstReleaseNotes(current);
  const versions = `API \`info.version\` ${apiVersion(previous.spec)} -> ${apiVersion(current)}`;
  const intro = `${versions}; compared with the ${previous.version} release (\`openapi/releases/${previous.version}.json\`) by \`npm run check:breaking\`.`;
  const list = previous.groups.length ? formatMarkdown(previous.groups) : "No change to the API.";
  return `${intro}\n\n${list}`;
}

function firstReleaseNotes(spec: Spec): string {
  const operations: string[] = [];
  for (const [path, item] of Object.entries(asObject(spec.paths))) {
    for (const method of METHODS) {
      const operation = asObject(item)[method];
      if (operation === undefined) continue;
      const summary = asObject(operation).summary;
      operations.push(
        `- \`${method.toUpperCase()} ${path}\`${summary ? `: ${String(summary)}` : ""}`,
      );
    }
  }
  return `First release, built from the Kubeadapt API \`${apiVersion(spec)}\` (\`info.version\`): ${operations.length} operations.\n\n${operations.join("\n")}`;
}
