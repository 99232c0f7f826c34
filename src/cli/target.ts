import { createKubeadapt, type Kubeadapt } from "../index.js";
import { createFakeKubeadapt } from "../testing/index.js";

/** The API a command talks to. */
export interface Target {
  ka: Kubeadapt;
  /** True when it is the embedded demo API. */
  demo: boolean;
}

/** Where to find the API: flags first, then the environment. */
export interface TargetChoice {
  baseUrl: string | undefined;
  demo: boolean;
  env: Record<string, string | undefined>;
}

/**
 * The real API when a token or base URL is given, else (or with --demo) the embedded demo API:
 * a seeded fake served in-process, so the CLI works with no account and no network.
 */
export function chooseTarget({ baseUrl, demo, env }: TargetChoice): Target {
  const token = env.KUBEADAPT_API_TOKEN || undefined;
  const url = baseUrl ?? (env.KUBEADAPT_BASE_URL || undefined);
  if (demo || (token === undefined && url === undefined)) {
    const fake = createFakeKubeadapt();
    return {
      ka: createKubeadapt({ token: "demo", baseUrl: fake.baseUrl, fetch: fake.fetch }),
      demo: true,
    };
  }
  return { ka: createKubeadapt({ token, baseUrl: url }), demo: false };
}
