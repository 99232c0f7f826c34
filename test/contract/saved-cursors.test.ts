// Cursors saved by one run and checked a day later by another: they are checked only against
// the deployment that issued them, and a 400 INVALID_CURSOR (a rotated signing key) is neither
// a pass nor a violation.
import { describe, expect, it } from "vitest";
import { type ContractOptions, runContract, type SavedCursor } from "../../src/contract/index.js";
import { createFakeKubeadapt, type FakeKubeadapt } from "../../src/testing/index.js";

const TOKEN = "saved-cursors-token";
const DAY = 24 * 3_600_000 + 60_000;

/** Live, in process, and without hooks: cursor-expired must use the saved cursors. */
const against = (fake: FakeKubeadapt, extra: Partial<ContractOptions> = {}): ContractOptions => ({
  baseUrl: fake.baseUrl,
  token: TOKEN,
  fetch: fake.fetch,
  rate: 0,
  ...extra,
});

/** Cursors a run against `fake` saved, made a day old. */
async function dayOldCursors(fake: FakeKubeadapt): Promise<SavedCursor[]> {
  const report = await runContract(against(fake, { only: ["invalid-cursor"] }));
  expect(report.cursors.length).toBeGreaterThan(0);
  return report.cursors.map((c) => ({
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
