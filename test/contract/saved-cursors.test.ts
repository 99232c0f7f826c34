// Cursors saved by one run and checked a day later by another: they are checked only against
// the deployment that issued them, and a 400 INVALID_CURSOR (a rotated signing key) is neither
// a pass nor a violation.
import { describe, expect, it } from "vitest";
import { type ContractOptions, runContract, type SavedCursor } from "../../src/contract/index.js";
import { createFakeKubeadapt, type FakeKubeadapt } from "../../src/testing/index.js";

const TOKEN = "saved-cursors-token";
/** Older than a cursor's lifetime and the suite's margin for clock skew (24 h 15 min). */
const DAY = 25 * 3_600_000;

/** Live, in process, and without hooks: cursor-expired must use the saved cursors. */
const against = (fake: FakeKubeadapt, extra: Partial<ContractOptions> = {}): ContractOptions => ({
  baseUrl: fake.baseUrl,
  token: TOKEN,
  fetch: fake.fetch,
  rate: 0,
  ...extra,
});

/**
 * The `/v1/workloads` cursors a run against `fake` saved, made a day old. Only those: the run
 * also saves a cursor of every other family (invalid-cursor reads each one's page 1), and
 * cursor-expired checks only the 10 youngest, so two runs' cursors would not both be checked.
 */
async function dayOldCursors(fake: FakeKubeadapt): Promise<SavedCursor[]> {
  const report = await runContract(against(fake, { only: ["invalid-cursor"] }));
  const workloads = report.cursors.filter((c) => c.path === "/v1/workloads");
  expect(workloads.length).toBeGreaterThan(0);
  return workloads.map((c) => ({
    ...c,
    savedAt: new Date(Date.parse(c.savedAt) - DAY).toISOString(),
  }));
}

const checkExpiry = (fake: FakeKubeadapt, expiredCursors: SavedCursor[]) =>
  runContract(against(fake, { only: ["cursor-expired"], expiredCursors }));

describe("cursors saved against one base URL", () => {
  it("record it, without a trailing slash", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const report = await runContract(
      against(fake, { baseUrl: `${fake.baseUrl}/`, only: ["invalid-cursor"] }),
    );
    expect(report.cursors.length).toBeGreaterThan(0);
    for (const c of report.cursors) expect(c.baseUrl).toBe(fake.baseUrl);
  });

  it("are refused against another one before any request, naming both without credentials", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const saved = (await dayOldCursors(fake)).map((c) => ({
      ...c,
      baseUrl: "https://ci:hunter2@old.example.com/api/",
    }));
    const other = createFakeKubeadapt({ token: TOKEN });
    await expect(checkExpiry(other, saved)).rejects.toThrow(
      `the saved cursors come from https://old.example.com/api, not ${other.baseUrl}: a cursor can be checked only against the deployment that issued it`,
    );
    await expect(checkExpiry(other, saved)).rejects.not.toThrow(/hunter2/);
    expect(other.requests).toHaveLength(0);
  });

  it("are checked against the same one: 410 expired once a day old passes", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const saved = await dayOldCursors(fake);
    fake.clock.advance(DAY);
    const report = await checkExpiry(fake, saved);
    expect(report.checks[0]).toMatchObject({ status: "passed", violations: [] });
    expect(report.checks[0]?.notes).toBeUndefined();
  });
});

describe("a saved cursor answered 400 INVALID_CURSOR (the signing key rotated since)", () => {
  it("when every one is: the check is skipped saying why, neither passed nor failed", async () => {
    const before = createFakeKubeadapt({ token: TOKEN });
    const saved = await dayOldCursors(before);
    // The same deployment (same base URL) restarted with a new random key: every old cursor
    // is 400 INVALID_CURSOR, which the spec allows for a cursor it cannot verify.
    const after = createFakeKubeadapt({ token: TOKEN });
    after.clock.advance(DAY);
    const report = await checkExpiry(after, saved);
    const [check] = report.checks;
    expect(check?.status).toBe("skipped");
    expect(check?.violations).toEqual([]);
    expect(check?.skippedBecause).toMatch(
      /^every saved cursor checked \(\d+\) got 400 INVALID_CURSOR, not 410 expired: the target may have rotated the key that signs its cursors/,
    );
    expect(check?.cutShortBy).toBeUndefined();
  });

  it("when some are: the others must be 410 and pass, and a note counts the ones not judged", async () => {
    const before = createFakeKubeadapt({ token: TOKEN });
    const after = createFakeKubeadapt({ token: TOKEN });
    const saved = [...(await dayOldCursors(before)), ...(await dayOldCursors(after))];
    after.clock.advance(DAY);
    const report = await checkExpiry(after, saved);
    const [check] = report.checks;
    expect(check).toMatchObject({ status: "passed", violations: [] });
    expect(check?.notes?.join("\n")).toMatch(
      /^\d+ of \d+ saved cursors got 400 INVALID_CURSOR, not judged: the target may have rotated/m,
    );
  });

  it("a cursor still valid (200) is still a violation", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const report = await checkExpiry(fake, await dayOldCursors(fake));
    expect(report.checks[0]?.status).toBe("failed");
    expect(report.checks[0]?.violations[0]).toMatch(/expected 410 CURSOR_EXPIRED .* got 200/);
  });
});

describe("cursors saved before the base URL was recorded (version 1 files)", () => {
  it("are checked as this target's, with a note that says it was assumed", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const saved = (await dayOldCursors(fake)).map(({ baseUrl: _, ...c }) => c);
    fake.clock.advance(DAY);
    const report = await checkExpiry(fake, saved);
    expect(report.checks[0]).toMatchObject({ status: "passed", violations: [] });
    expect(report.checks[0]?.notes).toEqual([
      expect.stringMatching(/^the saved cursors do not say which base URL issued them/),
    ]);
  });
});

/** A day-old cursor of page 2 of a workload's pods (one with at least two). */
async function dayOldPodsCursor(fake: FakeKubeadapt): Promise<SavedCursor> {
  const counts = new Map<string, number>();
  for (const pod of fake.data.pods) {
    const uid = pod.metadata.workload_uid;
    counts.set(uid, (counts.get(uid) ?? 0) + 1);
  }
  const uid = [...counts].find(([, n]) => n >= 2)?.[0] as string;
  const path = `/v1/workloads/${uid}/pods`;
  const response = await fake.fetch(`${fake.baseUrl}${path}?limit=1`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const cursor = (await response.json()).meta.pagination.next_cursor as string;
  const savedAt = new Date(Date.now() - DAY).toISOString();
  return { baseUrl: fake.baseUrl, path, query: { limit: "1" }, cursor, savedAt };
}

describe("a saved cursor of a nested list whose parent is gone (a workload deleted overnight)", () => {
  it("its 404 NOT_FOUND is not judged when the parent is 404 too: a note, not a violation", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const pods = await dayOldPodsCursor(fake);
    const saved = [...(await dayOldCursors(fake)), pods];
    const uid = pods.path.split("/")[3];
    fake.mutate((data) => {
      data.workloads = data.workloads.filter((w) => w.id !== uid);
      data.pods = data.pods.filter((p) => p.metadata.workload_uid !== uid);
    });
    fake.clock.advance(DAY);
    const report = await checkExpiry(fake, saved);
    const [check] = report.checks;
    expect(check).toMatchObject({ status: "passed", violations: [] });
    expect(check?.notes).toEqual([
      `/v1/workloads/${uid}/pods: 404 NOT_FOUND, and its parent /v1/workloads/${uid} is 404 too: not judged (a resource deleted since the cursor was saved takes its nested lists with it)`,
    ]);
  });

  it("when it is the only one: the check is skipped saying why", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const pods = await dayOldPodsCursor(fake);
    const uid = pods.path.split("/")[3];
    fake.mutate((data) => {
      data.workloads = data.workloads.filter((w) => w.id !== uid);
    });
    fake.clock.advance(DAY);
    const [check] = (await checkExpiry(fake, [pods])).checks;
    expect(check?.status).toBe("skipped");
    expect(check?.skippedBecause).toMatch(
      /^no saved cursor could be judged: 1 got 404 NOT_FOUND for a parent deleted since they were saved$/,
    );
  });

  it("a 404 while the parent still exists is a violation", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const pods = await dayOldPodsCursor(fake);
    fake.clock.advance(DAY);
    // Dated by the fake's clock, as the fake's own responses are.
    const now = new Date(fake.clock.now());
    const report = await runContract(
      against(fake, {
        only: ["cursor-expired"],
        expiredCursors: [pods],
        // A server that loses a nested list's cursors: 404 for the pods of a live workload.
        fetch: (request: Request) =>
          new URL(request.url).pathname.endsWith("/pods")
            ? Promise.resolve(
                Response.json(
                  {
                    data: null,
                    meta: { request_id: "req_01GONE", applied_at: now.toISOString() },
                    error: { code: "NOT_FOUND", message: "gone", details: [] },
                  },
                  { status: 404, headers: { date: now.toUTCString() } },
                ),
              )
            : fake.fetch(request),
      }),
    );
    const [check] = report.checks;
    expect(check?.status).toBe("failed");
    expect(check?.violations[0]).toMatch(/expected 410 CURSOR_EXPIRED .* got 404 NOT_FOUND/);
  });
});

/** The same cursors, as if saved `ms` earlier (the runner's clock). */
const older = (cursors: readonly SavedCursor[], ms: number): SavedCursor[] =>
  cursors.map((c) => ({ ...c, savedAt: new Date(Date.parse(c.savedAt) - ms).toISOString() }));

describe("a margin for clock skew: saved cursors are checked from 24 h 15 min", () => {
  it("a server whose clock is 10 minutes behind the runner's (or that allows 10 min of leeway) passes at 24 h 5 min", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const saved = (await dayOldCursors(fake)).map((c) => ({
      ...c,
      savedAt: new Date(Date.now() - (24 * 60 + 5) * 60_000).toISOString(),
    }));
    // By the server's clock they are 23 h 55 min old: still valid (200), and rightly so.
    fake.clock.advance((23 * 60 + 55) * 60_000);
    const [check] = (await checkExpiry(fake, saved)).checks;
    expect(check?.status).toBe("skipped");
    expect(check?.skippedBecause).toMatch(
      /^the saved cursors are 24\.1 hours old; a cursor expires after 24 h, and is checked from 24 h 15 min \(a margin for clock skew\), so check them from /,
    );
  });
});

describe("saved cursors are handed on to the next run until they are two days old", () => {
  it("report.cursors holds the run's own, then the given ones younger than 48 h, with their base URL", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const [cursor] = await dayOldCursors(fake);
    const { baseUrl: _, ...v1 } = cursor as SavedCursor;
    const given = [...older([v1], -DAY + 3_600_000), ...older([v1], 30 * 3_600_000 - DAY)];
    const tooOld = older([v1], 49 * 3_600_000 - DAY);
    const report = await runContract(
      against(fake, { only: ["envelopes"], expiredCursors: [...given, ...tooOld] }),
    );
    const handedOn = report.cursors.filter((c) => c.cursor === v1.cursor);
    expect(handedOn).toEqual(given.map((c) => ({ ...c, baseUrl: fake.baseUrl })));
    expect(report.cursors.slice(-2)).toEqual(handedOn);
  });

  it("an untestable run hands on every one it was given", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const given = await dayOldCursors(fake);
    const report = await runContract(
      against(fake, { token: "not-the-token", expiredCursors: given }),
    );
    expect(report.untestable).toBeDefined();
    expect(report.cursors).toEqual(given);
  });

  it("a nightly job whose runs start minutes apart checks expiry every night from the third", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const night = (expiredCursors?: SavedCursor[]) =>
      runContract(against(fake, { only: ["invalid-cursor", "cursor-expired"], expiredCursors }));
    // Each night starts 24 h 5 min after the one before: last night's cursors are too young.
    const later = (cursors: SavedCursor[]) => {
      fake.clock.advance((24 * 60 + 5) * 60_000);
      return older(cursors, (24 * 60 + 5) * 60_000);
    };
    const first = await night();
    const second = await night(later(first.cursors));
    expect(second.checks[1]?.status).toBe("skipped");
    const third = await night(later(second.cursors));
    expect(third.checks[1]).toMatchObject({ status: "passed", violations: [] });
    expect(third.checks[1]?.notes).toEqual([
      `${first.cursors.length} saved cursors are younger than 24 h 15 min: not checked (handed on in the report's cursors)`,
    ]);
    const fourth = await night(later(third.cursors));
    expect(fourth.checks[1]).toMatchObject({ status: "passed", violations: [] });
  });
});
