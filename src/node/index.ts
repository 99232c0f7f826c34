// `kubeadapt/node`: the Node-only transport. Never imported by the main entry, which stays
// runtime-neutral (browsers, Deno, Bun).
export {
  type NodeFetch,
  type NodeTransport,
  type NodeTransportOptions,
  nodeTransport,
} from "./transport.js";
