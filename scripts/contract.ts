/**
 * `npm run contract`: runs the contract suite against KUBEADAPT_BASE_URL with
 * KUBEADAPT_API_TOKEN and prints the report. `--mode mock` for a Prism mock (default `live`),
 * `--base-url URL` overrides the env var, `--only id,id` runs some checks.
 * Exit codes: 0 all checks passed or skipped, 1 a check failed, 2 a usage error.
 */
import { parseArgs } from "node:util";
import { type ContractMode, formatReport, runContract } from "../src/contract/index.js";

function usage(message: string): never {
  console.error(`contract: ${message}`);
  console.error(
    "usage: KUBEADAPT_BASE_URL=https://… KUBEADAPT_API_TOKEN=… npm run contract -- [--mode live|mock] [--base-url URL] [--only id,…]",
  );
  process.exit(2);
}

let values: { mode?: string; "base-url"?: string; only?: string };
try {
  ({ values } = parseArgs({
    options: {
      mode: { type: "string" },
      "base-url": { type: "string" },
      only: { type: "string" },
    },
    strict: true,
  }));
} catch (error) {
  usage((error as Error).message);
}

const mode = (values.mode ?? "live") as ContractMode;
if (mode !== "live" && mode !== "mock") usage(`--mode must be live or mock, not ${values.mode}`);
const baseUrl = values["base-url"] ?? process.env.KUBEADAPT_BASE_URL;
if (!baseUrl) usage("no API URL: set KUBEADAPT_BASE_URL (or pass --base-url)");
// Prism checks only that a token is present; a live target needs a real one.
const token = process.env.KUBEADAPT_API_TOKEN || (mode === "mock" ? "contract-mock" : undefined);
if (!token) usage("no token: set KUBEADAPT_API_TOKEN");

try {
  const report = await runContract({
    baseUrl,
    token,
    mode,
    only: values.only?.split(",").map((id) => id.trim()),
  });
  console.log(formatReport(report));
  process.exit(report.failed > 0 ? 1 : 0);
} catch (error) {
  usage((error as Error).message);
}
