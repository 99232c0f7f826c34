import { LOG_LEVELS } from "../internal/log.js";
import { EXIT_TABLE } from "./exit-codes.js";
import { FORMATS } from "./output.js";
import {
  describeSchema,
  getTemplates,
  parametersOfPath,
  resolvePath,
  summaryOf,
} from "./spec-paths.js";

const GET = `kubeadapt get <path> [--all] [--query key=value ...] [--limit N]
                       [--format ${FORMATS.join("|")}] [--columns a.b,c.d] [--sum a.b]
                       [--top N] [--max-items N] [--output FILE] [--timeout N] [--base-url URL]
                       [--allow-insecure-http] [--demo] [--progress | --no-progress]`;

/** `kubeadapt --help`. */
export const USAGE = `Usage:
  ${GET}
  kubeadapt paths
  kubeadapt contract [--base-url URL | --demo] [--only id,...] [--reporter junit|json] ...
  kubeadapt <command> --help | kubeadapt --help | kubeadapt --version

get       GET one path of the /v1 API, e.g. /v1/workloads or /v1/clusters/<id>; --all walks
          every page. \`kubeadapt get --help\` has its flags and every path with its parameters.
paths     Lists every path with its query parameters (from the bundled OpenAPI spec).
contract  Checks a server against the /v1 contract (KUBEADAPT_BASE_URL, KUBEADAPT_API_TOKEN).
          \`kubeadapt contract --help\` has its flags, exit codes and every check.

The token comes from KUBEADAPT_API_TOKEN, never from the command line. \`get\` with no token and
no base URL (or with --demo) uses the embedded demo API (a token set but empty is an error, not
the demo); \`contract\` needs a base URL (--base-url or KUBEADAPT_BASE_URL) or --demo.

${EXIT_TABLE}`;

/** `kubeadapt get --help`, without the list of paths. */
export const GET_USAGE = `Usage:
  ${GET}

GET one path of the /v1 API and print its data on stdout (progress, totals and notes go to stderr).

  --all                  walk every page of a list (without it: the first page, and stderr says
                         how to get the rest)
  -q, --query key=value  a query parameter of the path (repeatable); keys and values are checked
                         against the spec before any request (see the paths below)
  --limit N              page size, 1..500 (per_page for Cost Explorer)
  -o, --format F         ndjson (default: one JSON item a line), json (an array), table, csv
                         (RFC 4180), tsv
  --columns a.b,c.d      columns of table, csv and tsv, as dotted paths of an item, e.g.
                         metadata.name,cost.current_run_rate_hourly (money: its exact amount)
  --sum a.b              exact total of a money field: a last row in table/csv/tsv, a line on
                         stderr for ndjson/json
  --top N                write only the first N items in any format (0: none); the walk still
                         counts and sums all
  --max-items N          stop the walk after N items
  --output FILE          write the data to FILE instead of stdout
  --timeout N            seconds one request may take, body included (default 60); a request
                         is tried 3 times before exit 3
  --base-url URL         the API (default KUBEADAPT_BASE_URL, else the production API)
  --allow-insecure-http  allow a plain http:// --base-url to a non-loopback host (the token then
                         travels unencrypted)
  --demo                 use the embedded demo API, even with a token or base URL set
  --progress, --no-progress
                         draw a progress bar on stderr (default: when stderr is a terminal,
                         not TERM=dumb)

Environment: KUBEADAPT_API_TOKEN (the token), KUBEADAPT_BASE_URL, KUBEADAPT_LOG
(${LOG_LEVELS.join(", ")}), HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or lower case).

${EXIT_TABLE}`;

/** `kubeadapt paths --help`. */
export function pathsUsage(): string {
  return `Usage:\n  kubeadapt paths\n\nLists every GET path of the /v1 API with its parameters.\n\n${describePaths()}`;
}

/**
 * Every GET path of the bundled spec with its kind (cursor list, offset pages, one object) and
 * its query parameters, each with what it accepts.
 */
export function describePaths(): string {
  const blocks = getTemplates().map((template) => {
    const shape = resolvePath(template)?.shape;
    const kind =
      shape === "cursor" ? "list, cursor pages" : shape === "offset" ? "list, numbered pages" : "";
    const summary = [summaryOf(template), kind].filter(Boolean).join("; ");
    const lines = [`${template}${summary ? `  (${summary})` : ""}`];
    for (const param of parametersOfPath(template)) {
      const where = param.in === "path" ? " (in the path)" : "";
      const fallback =
        param.schema.default === undefined ? "" : `, default ${param.schema.default}`;
      lines.push(`  ${param.name.padEnd(18)} ${describeSchema(param.schema)}${fallback}${where}`);
    }
    return lines.join("\n");
  });
  return `GET paths of the /v1 API (kubeadapt get <path> --query key=value):\n\n${blocks.join("\n\n")}`;
}
