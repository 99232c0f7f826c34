import { readFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeError, exitCodeOf } from "../../src/cli/report-error.js";
import { UsageError } from "../../src/cli/usage-error.js";
import {
  AbortError,
  BadRequestError,
  ConnectionError,
  NotFoundError,
  PaginationLimitError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "../../src/errors.js";
import { createFakeKubeadapt } from "../../src/testing/index.js";
import { startFakeProxy } from "../helpers/fake-proxy.js";
import { listPage, serverPerTest } from "../helpers/loopback-server.js";
import { runInProcess } from "./run-cli.js";

const TOKEN = "ka_live_cli0errors0secret000000000000000";
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe("cannot connect: exit 3, with the network's cause and a hint that fits it", () => {
  it("ECONNREFUSED: nothing listens on the port", async () => {
    const server = createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const run = await runInProcess(
      ["get", "/v1/clusters", "--base-url", `http://127.0.0.1:${port}`],
      {
        KUBEADAPT_API_TOKEN: TOKEN,
      },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^ {2}cause: ECONNREFUSED: /m);
    expect(run.stderr).toContain(
      "hint: nothing listens there: check the host and port of --base-url",
    );
  });

  it("the hint names KUBEADAPT_BASE_URL when the URL came from it, not --base-url", async () => {
    const server = createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const run = await runInProcess(["get", "/v1/clusters"], {
      KUBEADAPT_API_TOKEN: TOKEN,
      KUBEADAPT_BASE_URL: `http://127.0.0.1:${port}`,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      "hint: nothing listens there: check the host and port of KUBEADAPT_BASE_URL",
    );
    expect(run.stderr).not.toContain("--base-url");
  });

  it("a host name that does not resolve", async () => {
    const run = await runInProcess(
      ["get", "/v1/clusters", "--base-url", "https://nonexistent.invalid"],
      {
        KUBEADAPT_API_TOKEN: TOKEN,
      },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^ {2}cause: (ENOTFOUND|EAI_AGAIN): .*nonexistent\.invalid/m);
    expect(run.stderr).toContain("hint: the host name does not resolve: check --base-url");
  });

  it("a TLS certificate the client does not trust", async () => {
    const server = createHttpsServer(
      { key: fixture("self-signed.key"), cert: fixture("self-signed.crt") },
      (_, res) => res.end("{}"),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const run = await runInProcess(
        ["get", "/v1/clusters", "--base-url", `https://127.0.0.1:${port}`],
        {
          KUBEADAPT_API_TOKEN: TOKEN,
        },
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(
        /^ {2}cause: DEPTH_ZERO_SELF_SIGNED_CERT: self[- ]signed certificate/m,
      );
      expect(run.stderr).toContain("hint: the server's TLS certificate is not trusted");
      expect(run.stderr).toContain("NODE_EXTRA_CA_CERTS");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("a timeout is exit 3 too, and a usage mistake 2, an API error 1, an interrupt 130", () => {
    expect(exitCodeOf(new TimeoutError("GET /v1/clusters timed out"))).toBe(3);
    expect(exitCodeOf(new ConnectionError("failed"))).toBe(3);
    expect(exitCodeOf(new UsageError("bad flag"))).toBe(2);
    expect(exitCodeOf(new NotFoundError("no such cluster", { status: 404 }))).toBe(1);
    expect(exitCodeOf(new AbortError("aborted"), true)).toBe(130);
    // An abort nobody asked for by Ctrl-C is a failure, not an interrupt.
    expect(exitCodeOf(new AbortError("aborted"), false)).toBe(1);
  });
});

describe("--timeout: how long one request may take", () => {
  const serve = serverPerTest();

  it("a server that never answers ends in exit 3 after each attempt's --timeout, not the SDK's 60 s", async () => {
    const server = await serve(() => {});
    const run = await runInProcess(
      ["get", "/v1/clusters", "--timeout", "1", "--base-url", server.origin],
      {
        KUBEADAPT_API_TOKEN: TOKEN,
      },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("timed out after 1000 ms (3 attempts)");
    expect(run.stderr).toContain(
      "hint: the server did not answer in time: try again later, or allow it longer with --timeout",
    );
    expect(server.seen).toHaveLength(3);
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("is refused unless a whole number of seconds of at least 1", async () => {
    for (const value of ["0", "1.5", "-1", "soon"]) {
      const run = await runInProcess(["get", "/v1/clusters", "--timeout", value, "--demo"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--timeout must be a positive integer, not "${value}"`);
    }
  });
});

describe("a body that never ends", () => {
  const serve = serverPerTest();

  it("fails at the transport's 64 MiB cap (exit 1: the server answered) instead of filling the memory until the time limit", async () => {
    const chunk = Buffer.alloc(1 << 20, "x");
    const server = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const more = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once("drain", more);
      };
      more();
    });
    const run = await runInProcess(["get", "/v1/clusters", "--base-url", server.origin], {
      KUBEADAPT_API_TOKEN: TOKEN,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the response body is longer than 67108864 bytes");
    expect(run.stderr).toContain("hint: the response body passed the 64 MiB the command reads");
  });
});

describe("a server that answers with broken HTTP: exit 1 (it broke the protocol), not 3 (cannot connect)", () => {
  // Raw sockets: node:http would not send any of these answers.
  const answers: Record<string, (path: string) => string> = {
    badchunk: () =>
      "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    badstatus: () => "HTTP/1.1 2x0 OK\r\ncontent-length: 0\r\n\r\n",
    hugeheader: () =>
      `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-big: ${"a".repeat(200_000)}\r\ncontent-length: 2\r\n\r\n{}`,
    redirloop: (path) => `HTTP/1.1 302 Found\r\nlocation: ${path}\r\ncontent-length: 0\r\n\r\n`,
    badgzip: () =>
      "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: 10\r\n\r\nnot gzip!!",
  };
  let origin = "";
  const server = createNetServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", (head) => {
      const path = head.toString().split(" ")[1] ?? "/";
      socket.end(answers[path.split("/")[1] ?? ""]?.(path) ?? "");
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = (mode: string) =>
    runInProcess(["get", "/v1/organization", "--base-url", `${origin}/${mode}`], {
      KUBEADAPT_API_TOKEN: TOKEN,
    });

  it.each([
    [
      "badchunk",
      "HTTPParserError",
      "the server answered with a malformed HTTP response: check that --base-url is the API",
    ],
    ["badstatus", "HTTPParserError", "the server answered with a malformed HTTP response"],
    [
      "hugeheader",
      "UND_ERR_HEADERS_OVERFLOW",
      "the server sent more response headers than Node reads",
    ],
    [
      "redirloop",
      "redirect count exceeded",
      "the server redirects in a loop (more than 20 redirects): check --base-url",
    ],
    [
      "badgzip",
      "could not be decoded",
      "the server's compressed body does not match its Content-Encoding",
    ],
  ])("%s: the cause and a hint about the server, not the network", async (mode, cause, hint) => {
    const run = await get(mode);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(cause);
    expect(run.stderr).toContain(`hint: ${hint}`);
    expect(run.stderr).not.toContain("could not reach the server");
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("is told apart on Node's global fetch too, and when the SDK kept only the cause's text", () => {
    const failed = (cause: Error) =>
      new ConnectionError(
        `GET https://api.example.com/v1/organization failed (3 attempts): ${cause}`,
        {
          cause,
        },
      );
    const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
    // Node's fetch: a body that does not decode is "terminated" over zlib's error.
    const zlib = new TypeError("terminated", {
      cause: coded("incorrect header check", "Z_DATA_ERROR"),
    });
    const loop = new TypeError("fetch failed", { cause: new Error("redirect count exceeded") });
    // A cause that would carry a secret is replaced by its text (src/retry.ts).
    const text = new Error(
      "TypeError: fetch failed (HTTPParserError: Response does not match the HTTP/1.1 protocol (Invalid header value char))",
    );
    for (const cause of [zlib, loop, text]) expect(exitCodeOf(failed(cause))).toBe(1);
    // A failure to connect stays 3, a reset connection included.
    const reset = new TypeError("fetch failed", {
      cause: coded("other side closed", "UND_ERR_SOCKET"),
    });
    const refused = new TypeError("fetch failed", {
      cause: coded("connect ECONNREFUSED", "ECONNREFUSED"),
    });
    for (const cause of [reset, refused]) expect(exitCodeOf(failed(cause))).toBe(3);
  });
});

describe("a walk that fails mid-way", () => {
  it("exits 1 with where it stopped and the whole command that resumes it", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN, sizes: { workloads: 30 } });
    // A proxy to the fake that fails every page after the first: a deterministic mid-walk error.
    const proxy = await startFakeProxy(fake, (url) =>
      url.searchParams.has("cursor")
        ? { status: 500, code: "INTERNAL", message: "boom" }
        : undefined,
    );
    try {
      const base = proxy.origin;
      const run = await runInProcess(
        ["get", "/v1/workloads", "--all", "--limit", "10", "-o", "csv", "--base-url", base],
        { KUBEADAPT_API_TOKEN: TOKEN },
      );
      expect(run.code).toBe(1);
      expect(run.stdout.trimEnd().split("\r\n")).toHaveLength(11);
      expect(run.stderr).toMatch(/^error: INTERNAL \(HTTP 500\): boom$/m);
      expect(run.stderr).toMatch(
        new RegExp(
          `^ {2}resume with: kubeadapt get /v1/workloads --all --query cursor=\\S+ --limit 10 --format csv --base-url ${base.replace(/\./g, "\\.")}$`,
          "m",
        ),
      );
    } finally {
      await proxy.close();
    }
  });
});

describe("a walk that fails after its first page", () => {
  const serve = serverPerTest();
  const sum = "cost.current_run_rate_hourly";
  // Page 1 of three workloads costing 1.1, 2.1 and 3.1 (or `costs`), then a 403 (not retried)
  // for page 2.
  const failOnPageTwo = (costs: (string | null)[] = ["1.1000", "2.1000", "3.1000"]) =>
    serve((request, response) => {
      if (request.url.includes("cursor=")) {
        response.writeHead(403, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { code: "PERMISSION_DENIED", message: "no" } }));
        return;
      }
      const body = JSON.parse(listPage(["w-1", "w-2", "w-3"], "c2"));
      body.data.forEach((item: Record<string, unknown>, i: number) => {
        const amount = costs[i];
        item.cost = { current_run_rate_hourly: amount && { amount, currency: "USD" } };
      });
      response.end(JSON.stringify(body));
    });

  it("as a table writes the rows it received, so the resume command skips none", async () => {
    const server = await failOnPageTwo();
    const run = await runInProcess(
      [
        "get",
        "/v1/workloads",
        "--all",
        "-o",
        "table",
        "--columns",
        "id",
        "--base-url",
        server.origin,
      ],
      { KUBEADAPT_API_TOKEN: TOKEN },
    );
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split("\n")).toEqual(["id", "w-1", "w-2", "w-3"]);
    expect(run.stderr).toContain(
      "resume with: kubeadapt get /v1/workloads --all --query cursor=c2",
    );
  });

  it("with --sum prints the sum of the items it wrote, which the resumed run's total leaves out", async () => {
    const server = await failOnPageTwo();
    const run = await runInProcess(
      ["get", "/v1/workloads", "--all", "--sum", sum, "--base-url", server.origin],
      { KUBEADAPT_API_TOKEN: TOKEN },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `  partial sum of ${sum} over the 3 items written: 6.3000 USD (the resumed run sums the rest only)\n`,
    );
  });

  it("with --sum says how many items of that part had no value, as a whole run's note does", async () => {
    const server = await failOnPageTwo(["1.1000", null, "3.1000"]);
    const run = await runInProcess(
      ["get", "/v1/workloads", "--all", "--sum", sum, "--base-url", server.origin],
      { KUBEADAPT_API_TOKEN: TOKEN },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `  partial sum of ${sum} over the 3 items written: 4.2000 USD (the resumed run sums the rest only)\n  note: 1 item had no ${sum}, not in this sum\n`,
    );
  });
});

describe("text from the server is shown, never run by the terminal", () => {
  const serve = serverPerTest();

  it("escapes control characters in the API's error message and request id", async () => {
    const server = await serve((_, response) => {
      response.writeHead(403, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          data: null,
          meta: { request_id: "req_1\u001b[2K" },
          error: {
            code: "PERMISSION_DENIED",
            message: "no\r\u001b[2K3000 items, 30 pages in 0.28 s",
            details: [],
          },
        }),
      );
    });
    const run = await runInProcess(["get", "/v1/workloads", "--base-url", server.origin], {
      KUBEADAPT_API_TOKEN: TOKEN,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain("\u001b");
    expect(run.stderr).not.toContain("\r");
    expect(run.stderr).toContain(
      "error: PERMISSION_DENIED (HTTP 403): no\\r\\u001b[2K3000 items, 30 pages in 0.28 s",
    );
  });

  it("a cursor from the server is quoted and escaped in the summary and the resume command", async () => {
    const cursor = "abc def;x\u001b[31mRED";
    const server = await serve((request, response) => {
      response.setHeader("content-type", "application/json");
      if (!request.url.includes("cursor=")) return response.end(listPage(["a"], cursor));
      response.statusCode = 404;
      const error = { code: "NOT_FOUND", message: "gone", details: [] };
      response.end(JSON.stringify({ data: null, meta: { request_id: "req_2" }, error }));
    });
    const get = (more: string[]) =>
      runInProcess(["get", "/v1/workloads", ...more, "--base-url", server.origin], {
        KUBEADAPT_API_TOKEN: TOKEN,
      });
    const quoted = "--query $'cursor=abc def;x\\x1b[31mRED'";
    const page = await get([]);
    expect(page.stderr).toContain(`(more pages: add --all, or ${quoted} for the next page)`);
    const capped = await get(["--all", "--max-items", "1"]);
    expect(capped.stderr).toContain(`(stopped at --max-items 1; more items follow: ${quoted})`);
    const stopped = await get(["--all"]);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`resume with: kubeadapt get /v1/workloads --all ${quoted}`);
    for (const run of [page, capped, stopped]) expect(run.stderr).not.toContain("\u001b");
  });
});

describe("NOT_FOUND hints fit the path", () => {
  const serve = serverPerTest();
  async function notFound(path: string, fromEnv = false) {
    const server = await serve((_, response) => {
      response.writeHead(404, { "content-type": "application/json" });
      const error = { code: "NOT_FOUND", message: "no such resource", details: [] };
      response.end(JSON.stringify({ data: null, meta: { request_id: "req_1" }, error }));
    });
    const base = `${server.origin}/gateway`;
    return fromEnv
      ? runInProcess(["get", path], { KUBEADAPT_API_TOKEN: TOKEN, KUBEADAPT_BASE_URL: base })
      : runInProcess(["get", path, "--base-url", base], { KUBEADAPT_API_TOKEN: TOKEN });
  }

  it("a path with no id that the API has: the base URL is not the API's root", async () => {
    const run = await notFound("/v1/clusters");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "hint: GET /v1/clusters is a path of the /v1 API: check that --base-url is the API's root",
    );
    expect(run.stderr).not.toContain("check the id");
    const env = await notFound("/v1/clusters", true);
    expect(env.stderr).toContain("check that KUBEADAPT_BASE_URL is the API's root");
  });

  it("a path with an id: the id", async () => {
    const run = await notFound("/v1/clusters/00000000-0000-4000-8000-000000000000");
    expect(run.stderr).toContain("hint: check the id in the path");
  });
});

describe("a gateway's answer with no /v1 envelope is read by its status", () => {
  const serve = serverPerTest();
  // oauth2-proxy and Envoy's ext_authz send an empty 401; a load balancer a bare 404.
  it.each([
    [
      401,
      "hint: the token was rejected (by the server or a proxy in front of it): set KUBEADAPT_API_TOKEN to a valid API token",
    ],
    [
      404,
      "hint: no API answers there: check that --base-url is the API's root (the part before /v1)",
    ],
  ])("an empty %i", async (status, hint) => {
    const server = await serve((_, response) => {
      response.writeHead(status, { "content-length": "0" }).end();
    });
    const run = await runInProcess(["get", "/v1/organization", "--base-url", server.origin], {
      KUBEADAPT_API_TOKEN: TOKEN,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: ProtocolError (HTTP ${status}): `);
    expect(run.stderr).toContain(hint);
  });
});

describe("interrupted", () => {
  it("before the first page: exit 130, nothing written, no resume command", async () => {
    const run = await runInProcess("get /v1/workloads --all", {}, AbortSignal.abort());
    expect(run.code).toBe(130);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("interrupted before the first page: nothing written");
    expect(run.stderr).not.toContain("resume");
  });
});

describe("the base URL and the token are refused in the CLI's terms (exit 2)", () => {
  it("plain http:// to another host names --allow-insecure-http, not the SDK option", async () => {
    const run = await runInProcess(
      ["get", "/v1/clusters", "--base-url", "http://nonexistent.invalid"],
      {
        KUBEADAPT_API_TOKEN: TOKEN,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "error: --base-url is plain http:// to nonexistent.invalid: the token would travel unencrypted; use https://, or add --allow-insecure-http to accept that",
    );
    expect(run.stderr).not.toMatch(/allowInsecureHttp|`token`/);
  });

  it("--allow-insecure-http lets the request go (here to a host that does not resolve)", async () => {
    const run = await runInProcess(
      ["get", "/v1/clusters", "--base-url", "http://nonexistent.invalid", "--allow-insecure-http"],
      { KUBEADAPT_API_TOKEN: TOKEN },
    );
    expect(run.code).toBe(3);
  });

  it("says which setting holds a bad URL, without echoing credentials", async () => {
    const flag = await runInProcess("get /v1/clusters --base-url ftp://example.com", {
      KUBEADAPT_API_TOKEN: TOKEN,
    });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(
      "error: --base-url must be an absolute URL like https://api.example.com/ without credentials, query or fragment (the token goes in KUBEADAPT_API_TOKEN)",
    );
    const env = await runInProcess("get /v1/clusters", {
      KUBEADAPT_API_TOKEN: TOKEN,
      KUBEADAPT_BASE_URL: "https://me:hunter2@api.example.com",
    });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain("error: KUBEADAPT_BASE_URL must be an absolute URL");
    expect(env.stderr).not.toContain("hunter2");
  });

  it("a token with a trailing newline is named by its variable and never printed", async () => {
    const run = await runInProcess(
      ["get", "/v1/clusters", "--base-url", "https://api.example.com"],
      {
        KUBEADAPT_API_TOKEN: `${TOKEN}\n`,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "error: KUBEADAPT_API_TOKEN must be printable ASCII without spaces",
    );
    expect(run.stderr).not.toContain(TOKEN);
  });

  it("--demo says why the demo is used, also when a token or base URL is set", async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, "using the embedded demo API (--demo)"],
      [
        { KUBEADAPT_API_TOKEN: TOKEN },
        "using the embedded demo API (--demo: KUBEADAPT_API_TOKEN not used)",
      ],
      [
        { KUBEADAPT_API_TOKEN: TOKEN, KUBEADAPT_BASE_URL: "https://api.example.com" },
        "using the embedded demo API (--demo: KUBEADAPT_API_TOKEN and the base URL not used)",
      ],
    ];
    for (const [env, line] of cases) {
      const run = await runInProcess("get /v1/organization --demo", env);
      expect(run.code).toBe(0);
      expect(run.stderr.split("\n")[0]).toBe(line);
    }
    const none = await runInProcess("get /v1/organization");
    expect(none.stderr.split("\n")[0]).toBe(
      "using the embedded demo API (no KUBEADAPT_API_TOKEN and no --base-url or KUBEADAPT_BASE_URL)",
    );
  });
});

describe("SDK wording stays out of the CLI's messages", () => {
  it("the page cap is said without the SDK's maxPages", () => {
    const text = describeError(
      new PaginationLimitError(
        "Reached maxPages (10000) with more to come; raise it or resume from error.cursor/page",
      ),
    );
    expect(text).toContain(
      "error: PaginationLimitError: the walk reached the page cap (10 000 pages)",
    );
    expect(text).not.toMatch(/maxPages|error\.cursor/);
  });
});

describe("BAD_REQUEST hints fit the error", () => {
  const hint = (error: unknown) => /hint: (.*)/.exec(describeError(error))?.[1];
  const bad = (field?: string) =>
    new BadRequestError("invalid", {
      status: 400,
      code: "BAD_REQUEST",
      details: field === undefined ? [] : [{ field, reason: "invalid" }],
    });

  it("names the field the server names, as a --query, and the page size as --limit", () => {
    expect(hint(bad("namespace"))).toBe(
      "check --query namespace=… (kubeadapt paths lists what each parameter takes)",
    );
    expect(hint(bad("limit"))).toBe("--limit takes 1..500");
    expect(hint(bad("per_page"))).toBe("--limit takes 1..500");
    expect(hint(bad())).toBe(
      "the server refused the request as sent: check the path and each --query value",
    );
    for (const field of ["namespace", undefined]) expect(hint(bad(field))).not.toContain("--limit");
  });

  it("a server-side 400 (start after end) names start, not --limit", async () => {
    const run = await runInProcess("get /v1/cost-explorer -q start=2026-05-31 -q end=2026-05-01");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: BAD_REQUEST (HTTP 400): start must not be after end");
    expect(run.stderr).toContain("hint: check --query start=…");
    expect(run.stderr).not.toContain("--limit");
  });
});

describe("rate limits and server failures get a hint that fits what the server said", () => {
  const hint = (error: unknown) => /hint: (.*)/.exec(describeError(error))?.[1];

  it("names the wait Retry-After gave, rounded up, and no wait where it gave none", () => {
    const limited = (retryAfterMs?: number) =>
      new RateLimitError("slow down", { status: 429, code: "RATE_LIMITED", retryAfterMs });
    expect(hint(limited(1_500))).toBe("rate limited: try again in 2 s");
    expect(hint(limited(120_000))).toBe("rate limited: try again in 120 s");
    expect(hint(limited(150_000))).toBe("rate limited: try again in 3 min");
    expect(hint(limited(3 * 3_600_000))).toBe("rate limited: try again in 3 h");
    // A Retry-After date months ahead reads in days, not 10^10 seconds.
    expect(hint(limited(200 * 86_400_000))).toBe("rate limited: try again in 200 days");
    expect(hint(limited(365 * 86_400_000))).toBe("rate limited: try again in 365 days");
    // Past a year (a misconfigured server): no count of days in the millions, nor Infinity.
    for (const ms of [366 * 86_400_000, 251_606_314_308_000, 1e23, Number.POSITIVE_INFINITY]) {
      expect(hint(limited(ms))).toBe("rate limited: try again in more than a year");
    }
    // A proxy's 429 page, or the API's without the header: no "in 0 s".
    expect(hint(limited())).toBe("rate limited: try again later");
  });

  it("a 5xx (the API's, or a gateway's page) says the server failed, not that --base-url is wrong", () => {
    const failed = new ServerError("HTTP 502 from the gateway", { status: 502 });
    expect(hint(failed)).toBe(
      "the server failed: try again later, and if it keeps failing, report the request id to the API's operators",
    );
  });
});

describe("a base URL that redirects to another origin, where fetch sends no token", () => {
  const serve = serverPerTest();
  // The fake, with its token, behind 127.0.0.1:<port>; `localhost:<port>` is another origin.
  async function redirecting() {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const behind = await startFakeProxy(fake, () => undefined);
    const other = behind.origin.replace("127.0.0.1", "localhost");
    const front = await serve((request, response) => {
      response.writeHead(301, { location: `${other}${request.url}` });
      response.end();
    });
    return { front, behind, other };
  }

  it("a 401 there is hinted at the redirect and --base-url, not at the token", async () => {
    const { front, behind, other } = await redirecting();
    try {
      const run = await runInProcess(["get", "/v1/clusters", "--base-url", front.origin], {
        KUBEADAPT_API_TOKEN: TOKEN,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("(HTTP 401)");
      expect(run.stderr).toContain(
        `  hint: the base URL redirects to ${other}, another origin, where the token is not sent (the refusal says nothing about the token): if the API is there, use --base-url ${other}\n`,
      );
      expect(run.stderr).not.toContain("set KUBEADAPT_API_TOKEN");
      // The base URL it names is the API, and takes the token.
      const there = await runInProcess(["get", "/v1/clusters", "--base-url", other], {
        KUBEADAPT_API_TOKEN: TOKEN,
      });
      expect(there.code).toBe(0);
    } finally {
      await behind.close();
    }
  });

  it("names KUBEADAPT_BASE_URL when the URL came from it", async () => {
    const { front, behind, other } = await redirecting();
    try {
      const run = await runInProcess(["get", "/v1/clusters"], {
        KUBEADAPT_API_TOKEN: TOKEN,
        KUBEADAPT_BASE_URL: front.origin,
      });
      expect(run.stderr).toContain(`if the API is there, use KUBEADAPT_BASE_URL=${other}\n`);
    } finally {
      await behind.close();
    }
  });

  it("a wrong token with no redirect still gets the token's hint", async () => {
    const fake = createFakeKubeadapt({ token: TOKEN });
    const api = await startFakeProxy(fake, () => undefined);
    try {
      const run = await runInProcess(["get", "/v1/clusters", "--base-url", api.origin], {
        KUBEADAPT_API_TOKEN: "ka_live_wrong",
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("  hint: set KUBEADAPT_API_TOKEN to a valid API token\n");
    } finally {
      await api.close();
    }
  });
});
