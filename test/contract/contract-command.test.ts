// `kubeadapt contract` run in process (its streams captured): preflight failures and exit
// codes, reports for CI (JUnit XML read by a JUnit library, versioned JSON, GitHub
// annotations) and cursors saved by one run and checked for expiry by a later one.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:https";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse as parseJUnit } from "junit2json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContract } from "../../src/cli/contract-args.js";
import { runContractCommand } from "../../src/cli/contract-command.js";
import {
  type ContractReport,
  contractChecks,
  githubAnnotations,
} from "../../src/contract/index.js";
import { createFakeKubeadapt, type FakeServer } from "../../src/testing/index.js";
import { startServer } from "../helpers/loopback-server.js";
import { countProblems, statedCounts, textReportCounts } from "../helpers/stated-check-counts.js";

const TOKEN = "contract-command-token";
let dir = "";
const servers: { close(): unknown }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kubeadapt-contract-"));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function command(argv: string[], env: Record<string, string> = {}, signal?: AbortSignal) {
  let stdout = "";
  let stderr = "";
  const code = await runContractCommand(parseContract(argv), {
    env: { KUBEADAPT_API_TOKEN: TOKEN, ...env },
    stdout: {
      // As a Node stream does, it says when each write is done: the command checks them.
      write: (text: string, done?: () => void) => {
        stdout += text;
        done?.();
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    signal,
  });
  return { code, stdout, stderr };
}

// Answers in broken HTTP, which node:http would not send: a chunk size that is not hex.
const BAD_CHUNK = () =>
  "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
// A redirect to the path asked for: followed until fetch gives up.
const REDIRECT_LOOP = (path: string) =>
  `HTTP/1.1 302 Found\r\nlocation: ${path}\r\ncontent-length: 0\r\n\r\n`;

/** A raw socket server on loopback that answers every request with `answer(path)`: its URL. */
async function rawServer(answer: (path: string) => string): Promise<string> {
  const raw = createNetServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", (head) => socket.end(answer(head.toString().split(" ")[1] ?? "/")));
  });
  await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
  servers.push(raw);
  return `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
}

async function serve(fake = createFakeKubeadapt({ token: TOKEN })): Promise<FakeServer> {
  const server = await fake.listen();
  servers.push(server);
  return server;
}

describe("Ctrl-C", () => {
  it("stops a run whose target stopped answering at once: exit 130, saying so", async () => {
    // Accepts the connection and never answers: only the interrupt (not the 30 s time limit)
    // can end the preflight within this test's time.
    const server = await startServer(() => {});
    servers.push(server);
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 50);
    const run = await command(["--base-url", server.origin], {}, interrupt.signal);
    expect(run.code).toBe(130);
    expect(run.stderr).toBe(
      `error: the run was interrupted before ${server.origin} answered the preflight\n`,
    );
  });
});

describe("preflight: a target that cannot be tested exits 3 with one line", () => {
  it("an unknown host (DNS) names ENOTFOUND", async () => {
    const run = await command(["--base-url", "https://contract-check.invalid"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^error: cannot reach https:\/\/contract-check\.invalid: .*ENOTFOUND[^\n]*\n$/,
    );
    expect(run.stdout).toBe("");
  });

  // It answered, so the line blames the server, not the network; still exit 3: untestable.
  it.each([
    ["a bad chunk size", BAD_CHUNK, "a malformed response"],
    ["a redirect loop", REDIRECT_LOOP, "a redirect loop"],
  ])("a server that answers %s says it answered in broken HTTP", async (_, answer, words) => {
    const url = await rawServer(answer);
    const run = await command(["--base-url", url, "--rate", "0"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      new RegExp(`^error: ${url} answered in broken HTTP \\(${words}\\): `),
    );
    expect(run.stderr).not.toContain("cannot reach");
    expect(run.stdout).toBe("");
  });

  it("a self-signed TLS certificate names the certificate error", async () => {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    await promisify(execFile)("openssl", [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"],
      ...["-keyout", key, "-out", cert],
    ]);
    const tls = createServer({ key: await readFile(key), cert: await readFile(cert) }, (_, res) =>
      res.end("{}"),
    );
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    servers.push(tls);
    const { port } = tls.address() as { port: number };
    const run = await command(["--base-url", `https://127.0.0.1:${port}`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: cannot reach .*self-signed certificate.*\n$/);
    expect(run.stdout).toBe("");
  });

  it("a rejected token says so, and no check runs", async () => {
    const server = await serve();
    const run = await command(["--base-url", server.url, "--rate", "0"], {
      KUBEADAPT_API_TOKEN: "not-the-token",
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `error: ${server.url} rejected the token: GET /v1/organization → 401 UNAUTHORIZED (check KUBEADAPT_API_TOKEN)\n`,
    );
    expect(run.stdout).toBe("");
  });
});

describe("preflight: no API at the base URL exits 3 with one line, not a failure per check", () => {
  it.each([
    [
      404,
      "text/html",
      "<h1>Not Found</h1>",
      "404, text/html, not JSON (check the base URL: it is the part before /v1)",
    ],
    [200, "text/html", "<form>Sign in</form>", "200, text/html, not JSON"],
    [500, "text/plain", "upstream error", "500, text/plain, not JSON"],
  ])("a gateway answering %i %s to everything", async (status, type, body, said) => {
    const gateway = await startServer((_, response) => {
      response.writeHead(status, { "content-type": type });
      response.end(body);
    });
    servers.push(gateway);
    const run = await command(["--base-url", `${gateway.origin}/api`, "--rate", "0"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `error: no Kubeadapt API at ${gateway.origin}/api: GET /v1/organization → ${said}\n`,
    );
    expect(run.stdout).toBe("");
    expect(gateway.seen).toHaveLength(1);
  });

  // fetch drops the token on a redirect to another origin (http:// to https:// always is one):
  // the 401 there says nothing about the token, and the base URL to use is where it went.
  it("a redirect to another origin is named, with the base URL to use, not the token blamed", async () => {
    const api = await serve();
    const gateway = await startServer((_, response) => {
      response.writeHead(308, { location: `${api.url}/v1/organization` }).end();
    });
    servers.push(gateway);
    const run = await command(["--base-url", `${gateway.origin}/api`, "--rate", "0"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `error: ${gateway.origin}/api redirected to ${api.url}/v1/organization, another origin, where the token is not sent: GET /v1/organization → 401 UNAUTHORIZED (if the API is there, use --base-url ${api.url})\n`,
    );
    expect(gateway.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("a page that is not the API, reached through a redirect to another origin, names it", async () => {
    const login = await startServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<form>Sign in</form>");
    });
    const gateway = await startServer((_, response) => {
      response.writeHead(302, { location: `${login.origin}/sso/login?next=%2Fv1` }).end();
    });
    servers.push(login, gateway);
    const run = await command(["--base-url", gateway.origin, "--rate", "0"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `error: ${gateway.origin} redirected to ${login.origin}/sso/login, another origin, where the token is not sent: GET /v1/organization → 200, text/html, not JSON (if the API is there, use --base-url ${login.origin})\n`,
    );
  });

  // Gateways and auth proxies (oauth2-proxy, Envoy ext_authz) send these with no body at all.
  it.each([
    [401, "%s rejected the token: GET /v1/organization → 401 (check KUBEADAPT_API_TOKEN)"],
    [
      404,
      "no Kubeadapt API at %s: GET /v1/organization → 404, no Content-Type, not JSON (check the base URL: it is the part before /v1)",
    ],
  ])(
    "an empty-bodied %i is read as its status, not as a body that could not be read",
    async (status, said) => {
      const gateway = await startServer((_, response) => {
        response.writeHead(status, { "content-length": "0" }).end();
      });
      servers.push(gateway);
      const run = await command(["--base-url", gateway.origin, "--rate", "0"]);
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(`error: ${said.replace("%s", gateway.origin)}\n`);
    },
  );

  it("a gateway's bare 503 (no body) is retried like any other, and the run passes", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    // The second request (the first after the preflight) gets the bare 503.
    const gateway = await startServer(async (request, response, n) => {
      if (n === 1) return response.writeHead(503, { "content-length": "0" }).end();
      const answer = await fake.fetch(new URL(request.url, fake.baseUrl), {
        headers: { authorization: String(request.headers.authorization ?? "") },
      });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(await answer.text());
    });
    servers.push(gateway);
    const run = await command([
      "--base-url",
      gateway.origin,
      "--rate",
      "0",
      "--only",
      "unauthorized",
    ]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/1 passed, 0 failed.*\(1 retried\)/);
    expect(run.code).toBe(0);
  });

  it.each(["/v1", "/v1/"])("a base URL ending in %s says to leave it out", async (suffix) => {
    const server = await serve();
    const run = await command(["--base-url", `${server.url}${suffix}`, "--rate", "0"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `error: no Kubeadapt API at ${server.url}${suffix}: GET /v1/organization → 404 NOT_FOUND (the base URL ends in /v1, which the suite adds itself: leave it out)\n`,
    );
    expect(run.stdout).toBe("");
  });
});

describe("usage mistakes exit 2 with our own messages", () => {
  it("an unknown --only id lists the valid ones", async () => {
    const run = await command(["--demo", "--only", "envelopes,limits"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: unknown check "limits"; the checks are: ${contractChecks.map((c) => c.id).join(", ")}\n`,
    );
  });

  it("a report file that cannot be written is found out before any request", async () => {
    const run = await command([
      "--demo",
      "--reporter",
      "junit",
      "--output",
      join(dir, "no/such/dir.xml"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --output .*no\/such\/dir\.xml: cannot write: ENOENT/);
    expect(run.stdout).toBe("");
  });

  it.each([
    [["--rate", "fast"], '--rate must be a number, 0 or more, not "fast"'],
    [["--rate"], "--rate needs a value, e.g. --rate 10"],
    [["--max-requests", "0"], '--max-requests must be a whole number, 1 or more, not "0"'],
    [["--max-duration", "1.5"], '--max-duration must be a whole number, 1 or more, not "1.5"'],
    [["--timeout", "0"], '--timeout must be a whole number, 1 or more, not "0"'],
    [["--timeout", "1.5"], '--timeout must be a whole number, 1 or more, not "1.5"'],
    [["--reporter", "xml"], '--reporter must be text or junit or json, not "xml"'],
    [["--verbose"], "contract has no flag --verbose (its flags:"],
    [["--demo=yes"], "--demo takes no value"],
    [["extra"], 'contract takes no arguments, only options (got "extra")'],
  ])("%j", (argv, message) => {
    expect(() => parseContract(argv)).toThrow(message);
  });

  it("--timeout N is the seconds one request may take; --max-duration N the run's", () => {
    expect(parseContract(["--max-duration", "600"]).maxDuration).toBe(600);
    expect(parseContract(["--timeout", "5"]).timeout).toBe(5);
    expect(parseContract([]).timeout).toBeUndefined();
  });
});

describe("reports for CI", () => {
  // The fake, except that limit=0 is served as a 200 page and error messages carry markup.
  async function brokenServer(): Promise<FakeServer> {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const fetchBroken = async (request: Request) => {
      const url = new URL(request.url);
      if (url.searchParams.get("limit") === "0") url.searchParams.set("limit", "1");
      return fake.fetch(new Request(url, request));
    };
    const { createServer: createHttp } = await import("node:http");
    const http = createHttp(async (req, res) => {
      const response = await fetchBroken(
        new Request(`${fake.baseUrl}${req.url}`, {
          headers: { authorization: req.headers.authorization ?? "" },
        }),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(await response.text());
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const { port } = http.address() as { port: number };
    const server = { url: `http://127.0.0.1:${port}`, close: async () => void http.close() };
    servers.push(server);
    return server;
  }

  it("--reporter junit --output FILE: one testsuite, one testcase per check, as a JUnit library reads it", async () => {
    const server = await brokenServer();
    const file = join(dir, "junit.xml");
    const only = "limit-bounds,cursor-expired,envelopes";
    const run = await command([
      "--base-url",
      server.url,
      "--rate",
      "0",
      "--only",
      only,
      "--reporter",
      "junit",
      "--output",
      file,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ limit-bounds: /m);
    type Case = { name: string; failure?: { inner: string }[]; skipped?: { message: string }[] };
    const junit = (await parseJUnit(await readFile(file, "utf8"))) as Record<string, unknown> & {
      testsuite: {
        name: string;
        tests: number;
        failures: number;
        skipped: number;
        testcase: Case[];
      }[];
    };
    expect(junit.testsuite).toHaveLength(1);
    const [suite] = junit.testsuite;
    expect(suite).toMatchObject({ name: "kubeadapt-contract", tests: 3, failures: 1, skipped: 1 });
    const cases = Object.fromEntries(suite?.testcase.map((c) => [c.name, c]) ?? []);
    expect(Object.keys(cases)).toEqual(["limit-bounds", "cursor-expired", "envelopes"]);
    const failure = cases["limit-bounds"]?.failure?.[0]?.inner;
    expect(failure).toContain(
      'GET /v1/workloads?limit=0: expected 400 BAD_REQUEST with details[0].field "limit", got 200',
    );
    expect(cases["cursor-expired"]?.skipped?.[0]?.message).toMatch(/24 hours/);
    expect(cases.envelopes).not.toHaveProperty("failure");
  });

  it("a family down (a gateway's 503): exit 3, and the JUnit and JSON reports hold an error for its check", {
    timeout: 30_000,
  }, async () => {
    const fake = createFakeKubeadapt({ token: TOKEN, sizes: { workloads: 60 } });
    const gateway = await startServer((request, response) => {
      void (async () => {
        if (request.url.startsWith("/v1/teams")) {
          response.writeHead(503, { "content-type": "text/html" }).end("<h1>503</h1>");
          return;
        }
        const headers = { authorization: request.headers.authorization ?? "" };
        const answer = await fake.fetch(`${fake.baseUrl}${request.url}`, { headers });
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(await answer.text());
      })();
    });
    servers.push(gateway);
    const file = join(dir, "down.xml");
    const live = [
      "--base-url",
      gateway.origin,
      "--rate",
      "0",
      "--only",
      // include-total-toggle reads /v1/workloads only, so it passes while teams are down.
      "full-walks,include-total-toggle",
    ];
    const junitRun = await command([...live, "--reporter", "junit", "--output", file]);
    expect(junitRun.code).toBe(3);
    type Case = { name: string; error?: { message: string }[]; failure?: unknown };
    const junit = (await parseJUnit(await readFile(file, "utf8"))) as {
      testsuite: { tests: number; failures: number; errors: number; testcase: Case[] }[];
    };
    const [suite] = junit.testsuite;
    expect(suite).toMatchObject({ tests: 2, failures: 0, errors: 1 });
    const walks = suite?.testcase.find((c) => c.name === "full-walks");
    expect(walks?.failure).toBeUndefined();
    expect(walks?.error?.[0]?.message).toMatch(/^GET \/v1\/teams\S*: still 503 after 3 retries$/);

    const jsonRun = await command([...live, "--reporter", "json"]);
    expect(jsonRun.code).toBe(3);
    const report = JSON.parse(jsonRun.stdout) as ContractReport;
    expect(report).toMatchObject({ passed: 1, failed: 0, errors: 1 });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["full-walks", "error"],
      ["include-total-toggle", "passed"],
    ]);
  });

  it("--reporter json: the versioned report on stdout, the streamed lines on stderr", async () => {
    const run = await command(["--demo", "--only", "envelopes,rate-limited", "--reporter", "json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ContractReport & { version: number };
    expect(report).toMatchObject({ version: 1, mode: "live", passed: 2, failed: 0, errors: 0 });
    expect(report.checks.map((c) => [c.id, c.status, typeof c.durationMs])).toEqual([
      ["rate-limited", "passed", "number"],
      ["envelopes", "passed", "number"],
    ]);
    expect(report.requests).toBeGreaterThan(10);
    expect(run.stderr).toMatch(/^✓ envelopes: .*\(\d+\.\d\d s, \d+ requests\)$/m);
  });

  it("GITHUB_ACTIONS=true: violations also print as ::error annotations", async () => {
    const server = await brokenServer();
    const run = await command(["--base-url", server.url, "--rate", "0", "--only", "limit-bounds"], {
      GITHUB_ACTIONS: "true",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error title=contract check limit-bounds::GET /v1/workloads?limit=0: expected 400 BAD_REQUEST with details[0].field "limit", got 200\n',
    );
  });

  it("a token the server echoes into a body never reaches the text, JUnit or annotations", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    // A debug error page that quotes the request's headers, for limit=0; the fake otherwise.
    const echoing = await startServer((request, response) => {
      const send = async () => {
        if (request.url.includes("limit=0")) {
          response.writeHead(400, { "content-type": "text/plain" });
          return response.end(`bad limit; you sent ${request.headers.authorization}`);
        }
        const answer = await fake.fetch(`${fake.baseUrl}${request.url}`, {
          headers: { authorization: request.headers.authorization ?? "" },
        });
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(await answer.text());
      };
      void send();
    });
    servers.push(echoing);
    const file = join(dir, "echo.xml");
    const run = await command(
      ["--base-url", echoing.origin, "--rate", "0", "--only", "limit-bounds"].concat([
        "--reporter",
        "junit",
        "--output",
        file,
      ]),
      { GITHUB_ACTIONS: "true" },
    );
    expect(run.code).toBe(1);
    const junit = await readFile(file, "utf8");
    // stdout holds the text lines and the ::error annotations.
    for (const text of [run.stdout, junit]) {
      expect(text).toContain("bad limit; you sent Bearer [REDACTED]");
    }
    expect(run.stdout).toMatch(/^::error .*Bearer \[REDACTED\]/m);
    expect(`${run.stdout}${run.stderr}${junit}`).not.toContain(TOKEN);
  });

  it("annotations escape %, newlines, and : and , in the title, as GitHub requires", () => {
    const report = {
      checks: [{ id: "a:b,c", violations: ["100% off\nsecond line\r"], error: undefined }],
    } as unknown as ContractReport;
    expect(githubAnnotations(report)).toEqual([
      "::error title=contract check a%3Ab%2Cc::100%25 off%0Asecond line%0D",
    ]);
  });
});

describe("a run cut short by its own limits is incomplete: exit 4, never a silent 0", () => {
  const CUT = /^cut short by the run's own limit: the request budget of 40 is spent$/;

  it("--max-requests that leaves checks unrun exits 4, saying how many and what to raise", async () => {
    const run = await command(["--demo", "--max-requests", "40"]);
    expect(run.code).toBe(4);
    // limit-bounds (33 requests) fits; invalid-cursor (25, every family) does not.
    const cut = contractChecks.length - 1;
    expect(run.stdout).toMatch(/\n {4}cut short: the request budget of 40 is spent\n/);
    expect(run.stdout).toMatch(
      new RegExp(`^1 passed, 0 failed, ${cut} skipped \\(${cut} cut short\\), 0 errors;`, "m"),
    );
    expect(run.stderr).toBe(
      `error: incomplete: ${cut} checks cut short: the request budget of 40 is spent; raise --max-requests or --max-duration, or give --allow-incomplete\n`,
    );
  });

  it("--allow-incomplete accepts it: exit 0, and the run still says it is incomplete", async () => {
    const run = await command(["--demo", "--max-requests", "40", "--allow-incomplete"], {
      GITHUB_ACTIONS: "true",
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^note: incomplete, allowed by --allow-incomplete: \d+ checks cut short: /,
    );
    expect(run.stdout).toMatch(
      /^::warning title=kubeadapt contract incomplete::\d+ checks cut short: /m,
    );
    expect(run.stdout).not.toMatch(/^::error/m);
  });

  it("the JSON report counts the checks cut short and marks each; JUnit skips them saying so", async () => {
    const json = await command(["--demo", "--max-requests", "40", "--reporter", "json"], {
      GITHUB_ACTIONS: "true",
    });
    expect(json.code).toBe(4);
    expect(json.stderr).toMatch(
      /^::error title=kubeadapt contract incomplete::\d+ checks cut short: /m,
    );
    const report = JSON.parse(json.stdout) as ContractReport;
    const cut = report.checks.filter((c) => c.cutShortBy === "request-budget");
    expect(report.incomplete).toBe(cut.length);
    expect(cut.length).toBe(report.skipped);
    expect(cut.length).toBeGreaterThan(5);

    const file = join(dir, "incomplete.xml");
    const junitRun = await command([
      "--demo",
      "--max-requests",
      "40",
      "--reporter",
      "junit",
      "--output",
      file,
    ]);
    expect(junitRun.code).toBe(4);
    const xml = await readFile(file, "utf8");
    expect(xml).toContain(`<property name="incomplete" value="${cut.length}"/>`);
    type Case = { name: string; skipped?: { message: string }[] };
    const junit = (await parseJUnit(xml)) as { testsuite: { skipped: number; testcase: Case[] }[] };
    const skipped = junit.testsuite[0]?.testcase.filter((c) => c.skipped) ?? [];
    expect(skipped).toHaveLength(cut.length);
    for (const c of skipped) expect(c.skipped?.[0]?.message, c.name).toMatch(CUT);
  });

  it("checks skipped for what the target or mode is (no saved cursors) keep exit 0", async () => {
    const server = await serve();
    const only = ["--only", "envelopes,cursor-expired", "--reporter", "json"];
    const run = await command(["--base-url", server.url, "--rate", "0", ...only]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ContractReport;
    expect(report).toMatchObject({ passed: 1, skipped: 1, incomplete: 0 });
    expect(report.checks[1]?.cutShortBy).toBeUndefined();
    expect(run.stderr).not.toMatch(/incomplete/);
  });
});

describe("cursor expiry in live mode across two runs", () => {
  it("--save-cursors keeps cursors; --expired-cursors checks them once they are a day old", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const server = await serve(fake);
    const file = join(dir, "cursors.json");
    const live = ["--base-url", server.url, "--rate", "0"];
    const first = await command([
      ...live,
      "--only",
      "invalid-cursor,envelopes",
      "--save-cursors",
      file,
    ]);
    expect(first.code).toBe(0);
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(saved.version).toBe(2);
    expect(saved.cursors.length).toBeGreaterThan(0);
    expect(saved.cursors[0]).toMatchObject({
      baseUrl: server.url,
      path: "/v1/workloads",
      query: { limit: "2" },
    });

    const young = await command([...live, "--only", "cursor-expired", "--expired-cursors", file]);
    expect(young.code).toBe(0);
    expect(young.stdout).toMatch(
      /– cursor-expired: .*\n {4}skipped: the saved cursors are 0\.0 hours old/,
    );

    // A day later (the file's times moved back, the server's clock forward), they must be 410.
    const DAY = 25 * 3_600_000; // past 24 h and the 15 min margin for clock skew
    for (const c of saved.cursors) c.savedAt = new Date(Date.parse(c.savedAt) - DAY).toISOString();
    await writeFile(file, JSON.stringify(saved));
    const stillValid = await command([
      ...live,
      "--only",
      "cursor-expired",
      "--expired-cursors",
      file,
    ]);
    expect(stillValid.code).toBe(1);
    expect(stillValid.stdout).toMatch(
      /expected 410 CURSOR_EXPIRED with details\[0\]\.reason "expired", got 200/,
    );
    fake.clock.advance(DAY);
    const expired = await command([...live, "--only", "cursor-expired", "--expired-cursors", file]);
    expect(expired.code, expired.stdout).toBe(0);
    expect(expired.stdout).toMatch(/^✓ cursor-expired: .*\(\d+\.\d\d s, [1-9]\d* requests\)/m);
  });

  it("a file saved against another base URL is a usage mistake naming both, before any request", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const server = await serve(fake);
    const file = join(dir, "other-cursors.json");
    const cursor = {
      baseUrl: "https://ci:hunter2@staging.example.com",
      path: "/v1/workloads",
      query: { limit: "2" },
      cursor: "eyJ2IjoxfQ",
      savedAt: new Date(Date.now() - 2 * 24 * 3_600_000).toISOString(),
    };
    await writeFile(file, JSON.stringify({ version: 2, cursors: [cursor] }));
    const run = await command(["--base-url", server.url, "--expired-cursors", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `error: the saved cursors come from https://staging.example.com, not ${server.url}: a cursor can be checked only against the deployment that issued it (check them against https://staging.example.com, or save cursors from ${server.url})\n`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("a version 1 file (no base URL) is still read, with a note that its origin was assumed", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const server = await serve(fake);
    const live = ["--base-url", server.url, "--rate", "0", "--only", "cursor-expired"];
    const file = join(dir, "v1-cursors.json");
    await command([...live.slice(0, 4), "--only", "invalid-cursor", "--save-cursors", file]);
    const saved = JSON.parse(await readFile(file, "utf8"));
    const DAY = 25 * 3_600_000; // past 24 h and the 15 min margin for clock skew
    const v1 = saved.cursors.map(({ baseUrl: _, ...c }: { baseUrl: string; savedAt: string }) => ({
      ...c,
      savedAt: new Date(Date.parse(c.savedAt) - DAY).toISOString(),
    }));
    await writeFile(file, JSON.stringify({ version: 1, cursors: v1 }));
    fake.clock.advance(DAY);
    const run = await command([...live, "--expired-cursors", file]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(
      /^✓ cursor-expired: .*\n {4}note: the saved cursors do not say which base URL issued them/m,
    );
  });

  it("an empty file (a run that saw no cursor) skips cursor-expired naming the file, not as if none was given", async () => {
    const server = await serve();
    const file = join(dir, "empty-cursors.json");
    await writeFile(file, JSON.stringify({ version: 2, cursors: [] }));
    const run = await command([
      ...["--base-url", server.url, "--rate", "0", "--only", "cursor-expired"],
      ...["--expired-cursors", file],
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `skipped: ${file} holds no cursor: the run that saved them saw none (it walked no list) and was handed none to keep; expiry is unchecked until a run saves some`,
    );
  });

  it("an untestable run leaves --save-cursors alone when it has nothing to hand on, and hands on what it was given", async () => {
    const server = await serve();
    const live = ["--base-url", server.url, "--rate", "0"];
    const untestable = { KUBEADAPT_API_TOKEN: "ka_test_rejected" };
    const none = join(dir, "untestable-cursors.json");
    const run = await command([...live, "--save-cursors", none], untestable);
    expect(run.code).toBe(3);
    await expect(readFile(none, "utf8")).rejects.toThrow(/ENOENT/);

    const given = join(dir, "given-cursors.json");
    await command([...live, "--only", "invalid-cursor", "--save-cursors", given]);
    const saved = JSON.parse(await readFile(given, "utf8"));
    const kept = join(dir, "kept-cursors.json");
    const again = [...live, "--expired-cursors", given, "--save-cursors", kept];
    expect((await command(again, untestable)).code).toBe(3);
    expect(JSON.parse(await readFile(kept, "utf8"))).toEqual(saved);
  });

  it("a file that is not one --save-cursors wrote is a usage mistake", async () => {
    const file = join(dir, "not-cursors.json");
    await writeFile(file, JSON.stringify({ version: 1, cursors: [{ path: "/v1/workloads" }] }));
    const run = await command(["--demo", "--expired-cursors", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cursors[0] needs path, query, cursor and savedAt");
  });
});

describe("--demo", () => {
  it("runs every check against the embedded fake, none skipped: expiry, 429 and named examples included", {
    timeout: 60_000,
  }, async () => {
    const run = await command(["--demo"]);
    expect(run.code, run.stdout).toBe(0);
    const total = contractChecks.length;
    expect(run.stdout).toMatch(
      new RegExp(`^${total} passed, 0 failed, 0 skipped, 0 errors; \\d+ requests`, "m"),
    );
    for (const id of ["cursor-expired", "rate-limited", "named-examples"]) {
      expect(run.stdout).toMatch(new RegExp(`^✓ ${id}: `, "m"));
    }
    // What the guide and the vitest example say a full run sends (their time limits and the
    // pacing advice follow from it) stays within 10% of what it sends: it said 1,300 while
    // the suite grew to 1,575.
    const sent = Number(/; (\d+) requests/.exec(run.stdout)?.[1]);
    const stated = ["docs/guides/contract.md", "examples/contract.test.ts"].flatMap((file) =>
      [
        ...readFileSync(new URL(`../../${file}`, import.meta.url), "utf8").matchAll(
          /about ([\d,]+) requests/gi,
        ),
      ].map((match) => `${file}: ${match[1]}`),
    );
    expect(stated.length).toBeGreaterThanOrEqual(4);
    const off = stated.filter((line) => {
      const figure = Number(line.replace(/.*: /, "").replace(/,/g, ""));
      return Math.abs(figure - sent) > 0.1 * sent;
    });
    expect(off, `a full run sent ${sent} requests`).toEqual([]);
    // So are the per-check counts the guides state for passed checks ("32 requests in all").
    const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
    const counts = statedCounts(
      read("docs/guides/contract.md"),
      read("docs/guides/contract-checks.md"),
    );
    expect(counts.length).toBeGreaterThanOrEqual(3);
    expect(countProblems(counts, textReportCounts(run.stdout))).toEqual([]);
  });

  it("notice a per-check count a guide left behind (cursor-query-changed sent 14 before it grew)", () => {
    const checksMd = "| `cursor-query-changed` | a reused cursor (14 requests in all: …) | x |";
    const contractMd = "✓ limit-bounds: limit 0 … (3.31 s, 34 requests, 1 retried)";
    const sent = new Map([
      ["cursor-query-changed", 32],
      ["limit-bounds", 33],
    ]);
    expect(countProblems(statedCounts(contractMd, checksMd), sent)).toEqual([
      "contract-checks.md: cursor-query-changed sends 14 requests (retries aside), the run 32",
    ]);
  });
});

/** The base URL contract.md's preflight sample names. */
const SAMPLE_URL = "https://staging.example.com";

/**
 * The lines of contract.md's preflight sample that no real preflight printed, once each printed
 * line has its target's URL replaced by the sample's (`printed`: [line, URL it was run with]).
 */
function unprintedSampleLines(guide: string, printed: [string, string][]): string[] {
  const block = /Before any check, one preflight request[\s\S]*?```text\n([\s\S]*?)\n```/.exec(
    guide,
  );
  const sample = (block?.[1] ?? "").split("\n");
  const real = printed.map(([line, url]) =>
    line.replaceAll(url, SAMPLE_URL).replaceAll(new URL(url).host, new URL(SAMPLE_URL).host),
  );
  return sample.length < 4
    ? ["no preflight sample"]
    : sample.filter((line) => !real.includes(line));
}

describe("contract.md's preflight sample", () => {
  it("each line is what the preflight prints for an unknown host, broken HTTP, a rejected token, a /v1 base URL and an HTML page", async () => {
    const html = await startServer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<form>Sign in</form>");
    });
    servers.push(html);
    const api = (await serve()).url;
    const targets: [string, Record<string, string>][] = [
      ["https://staging.example.invalid", {}],
      [await rawServer(REDIRECT_LOOP), {}],
      [api, { KUBEADAPT_API_TOKEN: "not-the-token" }],
      [`${api}/v1`, {}],
      [html.origin, {}],
    ];
    const printed = await Promise.all(
      targets.map(async ([url, env]): Promise<[string, string]> => {
        const run = await command(["--base-url", url, "--rate", "0"], env);
        return [run.stderr.trimEnd(), url.replace(/\/v1$/, "")];
      }),
    );
    const guide = readFileSync(new URL("../../docs/guides/contract.md", import.meta.url), "utf8");
    expect(unprintedSampleLines(guide, printed)).toEqual([]);
    // The sample before the request joined the unreachable host's message.
    const old = guide.replace(": GET /v1/organization: getaddrinfo", ": getaddrinfo");
    expect(unprintedSampleLines(old, printed)).toEqual([
      `error: cannot reach ${SAMPLE_URL}: getaddrinfo ENOTFOUND staging.example.com`,
    ]);
  });
});
