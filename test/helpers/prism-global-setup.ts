/**
 * Global setup of the `contract` project: starts Prism on generated/openapi.json, unless
 * KUBEADAPT_BASE_URL points the suite at another server (then KUBEADAPT_API_TOKEN is required).
 */
import type { TestProject } from "vitest/node";
import type {} from "./contract-target.js";
import { SPEC_FILE, startPrism } from "./prism-process.js";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.KUBEADAPT_BASE_URL;
  if (external) {
    const token = process.env.KUBEADAPT_API_TOKEN;
    if (!token) throw new Error("KUBEADAPT_BASE_URL is set but KUBEADAPT_API_TOKEN is not");
    project.provide("baseUrl", external.replace(/\/+$/, ""));
    project.provide("token", token);
    project.provide("prism", false);
    return;
  }

  const prism = await startPrism("mock", ["--errors", SPEC_FILE]);
  project.provide("baseUrl", prism.url);
  project.provide("token", "prism-accepts-any-token");
  project.provide("prism", true);
  return () => prism.stop();
}
