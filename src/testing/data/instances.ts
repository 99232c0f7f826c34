import type { CapacityType, Provider } from "../spec-types.js";

/** An instance type with its size and hourly prices in ten-thousandths of a dollar. */
export interface InstanceType {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** On-demand list price (us-east-1 / us-central1 / eastus, Linux, 2026). */
  readonly onDemand: bigint;
  /** A typical spot price (spot markets keep these types at 24–42 % of on-demand). */
  readonly spot: bigint;
}

const t = (name: string, vcpu: number, memoryGiB: number, onDemand: number, spot: number) =>
  ({ name, vcpu, memoryGiB, onDemand: BigInt(onDemand), spot: BigInt(spot) }) as const;

/** Instance types per provider. On-premises hardware is priced at its amortised hourly cost. */
export const INSTANCE_TYPES: Record<Provider, readonly InstanceType[]> = {
  aws: [
    t("m6i.xlarge", 4, 16, 1920, 752),
    t("m6i.2xlarge", 8, 32, 3840, 1504),
    t("m6i.4xlarge", 16, 64, 7680, 3110),
    t("c6i.2xlarge", 8, 16, 3400, 1290),
    t("r6i.xlarge", 4, 32, 2520, 882),
    t("g5.xlarge", 4, 16, 10060, 4220),
    t("t3.large", 2, 8, 832, 250),
  ],
  gcp: [
    t("n2-standard-4", 4, 16, 1942, 570),
    t("e2-standard-8", 8, 32, 2681, 804),
    t("c2-standard-8", 8, 32, 4176, 1010),
  ],
  azure: [t("Standard_D4s_v5", 4, 16, 1920, 480), t("Standard_E8s_v5", 8, 64, 5040, 1260)],
  on_prem: [t("bare-metal-32c", 32, 256, 6000, 6000), t("bare-metal-64c", 64, 512, 11000, 11000)],
};

/** Reserved capacity (1-year commitment, no upfront) costs 62 % of on-demand. */
const RESERVED_PERCENT = 62n;

/** The hourly price of one node of `type` bought as `capacity`, in ten-thousandths. */
export function nodePrice(type: InstanceType, capacity: CapacityType): bigint {
  if (capacity === "spot") return type.spot;
  if (capacity === "reserved") return (type.onDemand * RESERVED_PERCENT) / 100n;
  return type.onDemand;
}

// A node's price is split between its CPU and its memory in the ratio of AWS's general-purpose
// unit prices, about $0.0316 per vCPU-hour to $0.0042 per GiB-hour.
const CPU_WEIGHT = 316n;
const MEMORY_WEIGHT = 42n;

/** The part of a node's price that pays for its CPU (the rest pays for its memory). */
export function cpuPart(type: InstanceType, price: bigint): bigint {
  const cpu = BigInt(type.vcpu) * CPU_WEIGHT;
  return (price * cpu) / (cpu + BigInt(type.memoryGiB) * MEMORY_WEIGHT);
}
