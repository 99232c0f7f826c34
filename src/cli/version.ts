import pkg from "../../package.json" with { type: "json" };

/** The package version, shown by `kubeadapt --version`. */
export const VERSION: string = pkg.version;
