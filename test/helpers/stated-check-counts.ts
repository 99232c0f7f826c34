// The per-check request counts the contract guides state, against a run's: contract.md's sample
// reports and contract-checks.md's "N requests in all". A passed check sends the same requests on
// any target holding enough data, so its count, less its retries, is the demo's.

/** A passed check's request count as a guide states it. */
export interface StatedCount {
  where: string;
  id: string;
  requests: number;
  retries: number;
}

const CHECK_LINE = /^✓ ([\w-]+): .* \([\d.]+ s, (\d+) requests?(?:, (\d+) retried)?\)$/gm;

/** Each passed check's requests in a text report (`✓ id: title (0.27 s, 33 requests)`). */
export function textReportCounts(report: string): Map<string, number> {
  return new Map([...report.matchAll(CHECK_LINE)].map((m) => [m[1] as string, Number(m[2])]));
}

/** The passed checks' counts stated by contract.md (text and JSON samples) and contract-checks.md. */
export function statedCounts(contractMd: string, checksMd: string): StatedCount[] {
  const text = [...contractMd.matchAll(CHECK_LINE)].map((m) => ({
    where: "contract.md's text sample",
    id: m[1] as string,
    requests: Number(m[2]),
    retries: Number(m[3] ?? 0),
  }));
  const json = /```json\n(\{\n {2}"version"[\s\S]*?)\n```/.exec(contractMd)?.[1];
  const checks = (json ? JSON.parse(json).checks : []) as (StatedCount & { status: string })[];
  const fromJson = checks
    .filter((check) => check.status === "passed")
    .map(({ id, requests, retries }) => ({
      where: "contract.md's JSON sample",
      id,
      requests,
      retries,
    }));
  const inAll = [...checksMd.matchAll(/^\| `([\w-]+)` \|.*?\((\d+) requests in all/gm)].map(
    (m) => ({
      where: "contract-checks.md",
      id: m[1] as string,
      requests: Number(m[2]),
      retries: 0,
    }),
  );
  return [...text, ...fromJson, ...inAll];
}

/** Each stated count that is not the run's (`sent`, by check id), less the retries it states. */
export function countProblems(stated: readonly StatedCount[], sent: ReadonlyMap<string, number>) {
  return stated.flatMap(({ where, id, requests, retries }) => {
    const real = sent.get(id);
    return real === requests - retries
      ? []
      : [`${where}: ${id} sends ${requests - retries} requests (retries aside), the run ${real}`];
  });
}
