// The limits (and a few other values) the docs state in prose are the ones the code and the spec
// enforce.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/exec.js";
import { DEFAULT_BASE_URL } from "../../src/client.js";
import { MAX_TIMER_DELAY } from "../../src/internal/abortable-sleep.js";
import { MAX_PAGE_SIZE } from "../../src/internal/page-size.js";
import { API_SCALE } from "../../src/money/decimal.js";
import { round } from "../../src/money/index.js";
import { ACCEPT_ENCODING } from "../../src/node/decode.js";
import { MAX_REDIRECTS } from "../../src/node/redirect.js";
import { MAX_BODY_BYTES as NODE_MAX_BODY } from "../../src/node/transport.js";
import { MAX_EMPTY_PAGES, MAX_RESTARTS } from "../../src/paginate.js";
import { backoffDelay } from "../../src/retry.js";
import { CURSOR_TTL_MS } from "../../src/testing/handlers/context.js";
import { DEFAULT_MAX_PAGES } from "../../src/walk/options.js";
import { factProblems, type StatedFact } from "../helpers/doc-facts.js";

interface Parameter {
  schema: { minimum: number; maximum: number; default: number };
}
const spec = JSON.parse(readFileSync(join(repoRoot, "generated", "openapi.json"), "utf8")) as {
  servers: { url: string }[];
  components: {
    parameters: Record<"Limit" | "PerPage", Parameter>;
    responses: Record<"CursorExpired", { description: string }>;
  };
};
const { Limit, PerPage } = spec.components.parameters;
/** A cursor's lifetime in hours, as the spec's 410 response states it. */
const CURSOR_HOURS = /older than (\d+) hours/.exec(
  spec.components.responses.CursorExpired.description,
)?.[1];
const MIB = 2 ** 20;
const never = () => 0;
const always = () => 1;

const pageSize = (file: string, pattern: RegExp): StatedFact => ({
  file,
  pattern,
  expected: MAX_PAGE_SIZE,
  source: "MAX_PAGE_SIZE",
});
const cursorHours = (file: string): StatedFact => ({
  file,
  pattern: /(?:older than|cursors? lives?) (\d+) hours/g,
  expected: CURSOR_HOURS ?? "a number",
  source: "the spec's CursorExpired lifetime",
});

const pageDefault = (file: string, pattern: RegExp): StatedFact => ({
  file,
  pattern,
  expected: Limit.schema.default,
  source: "the spec's default limit",
});

const FACTS: StatedFact[] = [
  {
    file: "openapi/components/schemas/Money.yaml",
    pattern: /\.\[0-9\]\{(\d+)\}\$/g,
    expected: API_SCALE,
    source: "kubeadapt/money's API_SCALE",
  },
  {
    file: "docs/guides/money.md",
    pattern: /`round\(money, decimals = (\d+)\)`/g,
    expected: round({ amount: "1.123456789", currency: "USD" }).amount.split(".")[1]?.length ?? 0,
    source: "the decimals round keeps by default",
  },
  pageSize("openapi/openapi.yaml", /`limit` 1\.\.(\d+)/g),
  pageSize("openapi/components/parameters/Limit.yaml", /1\.\.(\d+)/g),
  pageSize("openapi/components/parameters/PerPage.yaml", /1\.\.(\d+)/g),
  pageDefault("openapi/openapi.yaml", /1\.\.\d+, default (\d+)/g),
  pageDefault("openapi/components/parameters/Limit.yaml", /\(default (\d+)\)/g),
  pageDefault("openapi/components/parameters/PerPage.yaml", /\(default (\d+)\)/g),
  pageDefault("docs/guides/cli.md", /the spec's default of (\d+)/g),
  pageDefault("docs/guides/contract-checks.md", /and the default (\d+) are accepted/g),
  ...[
    "openapi/openapi.yaml",
    "openapi/components/schemas/Pagination.yaml",
    "openapi/components/schemas/ErrorDetail.yaml",
    "openapi/components/parameters/Cursor.yaml",
  ].map((file) => ({ ...cursorHours(file), pattern: /(\d+) hours/g })),
  ...["docs/guides/errors-and-retries.md", "docs/guides/quick-start.md"].map((file) => ({
    file,
    pattern: /(?:else|defaults to) `?(https:\/\/[\w.-]+)`?/g,
    expected: DEFAULT_BASE_URL,
    source: "DEFAULT_BASE_URL",
  })),
  pageSize("docs/guides/pagination.md", /outside 1\.\.(\d+)/g),
  pageSize("docs/guides/errors-and-retries.md", /outside 1\.\.(\d+)/g),
  pageSize("docs/guides/cli.md", /page size, 1\.\.(\d+)/g),
  pageSize("openapi/components/responses/ListBadRequest.yaml", /1\.\.(\d+)/g),
  pageSize("openapi/components/responses/CostExplorerBadRequest.yaml", /1\.\.(\d+)/g),
  ...["pagination.md", "cli.md", "contract.md", "testing.md"].map((guide) =>
    cursorHours(`docs/guides/${guide}`),
  ),
  {
    file: "docs/guides/pagination.md",
    pattern: /`maxPages` \((\d[\d ]*)\)/g,
    expected: DEFAULT_MAX_PAGES,
    source: "DEFAULT_MAX_PAGES",
  },
  {
    file: "docs/guides/client.md",
    pattern: /(?:about|clamped to|the) ([\d.]+)[ -]days?\b/g,
    // Rounded down: a timer holds 24.8 days, not 24.9.
    expected: Math.floor(MAX_TIMER_DELAY / 8_640_000) / 10,
    source: "MAX_TIMER_DELAY in days",
  },
  ...["docs/guides/client.md", "docs/guides/errors-and-retries.md"].map((file) => ({
    file,
    pattern: /(2\^\d+ - 1) (?:ms|or more)/g,
    expected: MAX_TIMER_DELAY === 2 ** 31 - 1 ? "2^31 - 1" : MAX_TIMER_DELAY,
    source: "MAX_TIMER_DELAY",
  })),
  {
    file: "docs/guides/pagination.md",
    pattern: /more than (\d+) empty pages/g,
    expected: MAX_EMPTY_PAGES,
    source: "MAX_EMPTY_PAGES",
  },
  {
    file: "docs/guides/pagination.md",
    pattern: /at most (\d+) times per walk/g,
    expected: MAX_RESTARTS,
    source: "MAX_RESTARTS",
  },
  ...["docs/guides/errors-and-retries.md", "docs/guides/client.md"].flatMap((file) => [
    {
      file,
      pattern: /from ([\d.]+) s(?: doubling)? to [\d.]+ s/g,
      expected: backoffDelay(0, never) / 1000,
      source: "the first backoff",
    },
    {
      file,
      pattern: /from [\d.]+ s(?: doubling)? to ([\d.]+) s/g,
      expected: backoffDelay(30, never) / 1000,
      source: "the longest backoff",
    },
  ]),
  {
    file: "docs/guides/client.md",
    pattern: /less up to (\d+)% random jitter/g,
    expected: 100 - (100 * backoffDelay(0, always)) / backoffDelay(0, never),
    source: "the backoff's jitter",
  },
  ...["docs/guides/client.md", "docs/guides/node-transport.md"].map((file) => ({
    file,
    pattern: /`maxBodyBytes` \((\d+) MiB/g,
    expected: NODE_MAX_BODY / MIB,
    source: "nodeTransport's MAX_BODY_BYTES in MiB",
  })),
  {
    // The CLI's fetch is nodeTransport() with its default cap (src/cli/command-fetch.ts).
    file: "docs/guides/cli.md",
    pattern: /longer\s+than (\d+) MiB/g,
    expected: NODE_MAX_BODY / MIB,
    source: "nodeTransport's MAX_BODY_BYTES in MiB",
  },
  {
    file: "src/node/transport.ts",
    pattern: /@default ([\d_]+) \(\d+ MiB/g,
    expected: NODE_MAX_BODY,
    source: "MAX_BODY_BYTES",
  },
  {
    file: "src/node/transport.ts",
    pattern: /@default [\d_]+ \((\d+) MiB/g,
    expected: NODE_MAX_BODY / MIB,
    source: "MAX_BODY_BYTES in MiB",
  },
  {
    file: "docs/guides/node-transport.md",
    pattern: /\| redirects \| up to (\d+)/g,
    expected: MAX_REDIRECTS,
    source: "MAX_REDIRECTS",
  },
  {
    file: "docs/guides/cli.md",
    pattern: /past (\d+) redirects/g,
    expected: MAX_REDIRECTS,
    source: "MAX_REDIRECTS",
  },
  {
    file: "docs/guides/node-transport.md",
    pattern: /sends `Accept-Encoding: ([^`]+)`/g,
    expected: ACCEPT_ENCODING,
    source: "ACCEPT_ENCODING",
  },
];

describe("numeric limits the docs state", () => {
  it("are the code's and the spec's", () => {
    expect(factProblems(FACTS)).toEqual([]);
  });

  it("have one page-size bound, cursor lifetime and base URL in the spec and the code", () => {
    expect(CURSOR_HOURS).toMatch(/^\d+$/);
    expect(CURSOR_TTL_MS / 3_600_000, "the fake's CURSOR_TTL_MS in hours").toBe(
      Number(CURSOR_HOURS),
    );
    for (const parameter of [Limit, PerPage]) {
      expect(parameter.schema).toMatchObject({ minimum: 1, maximum: MAX_PAGE_SIZE });
    }
    expect(spec.servers[0]?.url, "the spec's production server").toBe(DEFAULT_BASE_URL);
    expect(round({ amount: "1.123456789", currency: "USD" }).amount).toHaveLength(2 + API_SCALE);
  });

  it("notice a changed number, a digit-grouped one that agrees, and a reworded statement", () => {
    const docs: Record<string, string> = {
      "a.md": "Fail outside 1..500.\nAlso outside 1..1000, and `maxPages` (10 000).",
      "b.md": "Fail unless within 1..500.",
    };
    const fact = (file: string, pattern: RegExp, expected: number): StatedFact => ({
      file,
      pattern,
      expected,
      source: "SOURCE",
    });
    expect(
      factProblems(
        [
          fact("a.md", /outside 1\.\.(\d+)/g, 500),
          fact("a.md", /`maxPages` \(([\d ]+)\)/g, 10_000),
          fact("b.md", /outside 1\.\.(\d+)/g, 500),
        ],
        (file) => docs[file] ?? "",
      ),
    ).toEqual([
      "a.md:2: says 1000 where SOURCE is 500",
      "b.md: nothing matches /outside 1\\.\\.(\\d+)/g",
    ]);
  });
});
