import type { ContractArgs } from "./args.js";

/**
 * Runs `kubeadapt contract`: the contract suite against a server, a readable report on stdout.
 * @returns 0 when every check passed, 1 on any violation, 2 when no server or token was given
 */
export async function runContractCommand(
  args: ContractArgs,
  env: Record<string, string | undefined>,
): Promise<number> {
  const baseUrl = args.baseUrl ?? env.KUBEADAPT_BASE_URL;
  if (!baseUrl) {
    process.stderr.write("error: give --base-url URL or set KUBEADAPT_BASE_URL\n");
    return 2;
  }
  // A mock (Prism) checks only that a token is present; a live server needs the real one.
  const token = env.KUBEADAPT_API_TOKEN || (args.mode === "mock" ? "contract-mock" : undefined);
  if (!token) {
    process.stderr.write("error: set KUBEADAPT_API_TOKEN to a token for the server\n");
    return 2;
  }
  const { runContract, formatReport } = await import("../contract/index.js");
  const report = await runContract({ baseUrl, token, mode: args.mode, only: args.only });
  const text = formatReport(report);
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  return report.failed > 0 ? 1 : 0;
}
