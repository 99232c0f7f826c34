import type { ContractArgs } from "./args.js";

/**
 * Runs `kubeadapt contract`: the contract suite against a server, a readable report on stdout.
 * @returns 0 when every check passed, 1 on any violation, 2 when no server was given
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
  const { runContract, formatReport } = await import("../contract/index.js");
  const report = await runContract({
    baseUrl,
    token: env.KUBEADAPT_API_TOKEN ?? "",
    mode: args.mode,
  });
  process.stdout.write(formatReport(report));
  return report.failed > 0 ? 1 : 0;
}
