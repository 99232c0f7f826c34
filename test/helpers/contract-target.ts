import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL the spec's paths are appended to, without a trailing slash. */
    baseUrl: string;
    /** Bearer token for the target. */
    token: string;
    /** True when the target is the Prism mock started by the global setup. */
    prism: boolean;
  }
}

/** Where the contract suite sends its requests. */
export interface ContractTarget {
  /** Prism on a free loopback port, or `KUBEADAPT_BASE_URL`. */
  baseUrl: string;
  /** Any token for Prism (it only checks presence), else `KUBEADAPT_API_TOKEN`. */
  token: string;
  /** Whether Prism-only features (`Prefer: code=...`) are available. */
  prism: boolean;
}

/**
 * The target chosen by `prism-global-setup.ts`; call inside a contract test or hook.
 * @example
 * const { baseUrl, token } = contractTarget();
 */
export function contractTarget(): ContractTarget {
  return { baseUrl: inject("baseUrl"), token: inject("token"), prism: inject("prism") };
}
