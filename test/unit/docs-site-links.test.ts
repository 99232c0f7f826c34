import { afterAll, describe, expect, it } from "vitest";
import { checkApiReferencePage, tagSlug } from "../../scripts/docs/api-reference.js";
import { renderGuide } from "../../scripts/docs/guides.js";
import { page } from "../../scripts/docs/layout.js";
import { brokenSiteLinks, htmlLinks } from "../../scripts/docs/site-links.js";
import { removeTempTrees, tempTree } from "../helpers/temp-tree.js";

afterAll(removeTempTrees);

/** A built site on disk: path -> file content. */
const site = (files: Record<string, string>) => tempTree(files, "kubeadapt-site-links-");

/** A guide as `npm run docs` writes it, from its markdown. */
const guide = (markdown: string) =>
  page({ title: "g", body: renderGuide("g", markdown).html, root: "../" });

const SOUND = {
  "index.html": page({
    title: "home",
    body: '<h2 id="guides">Guides</h2><a href="guides/a.html#part">A</a> <a href="sdk/">SDK</a> <a href="openapi.json">spec</a> <a href="https://example.com/x#y">out</a>',
    root: "",
  }),
  "style.css": "",
  "highlight.css": "",
  "openapi.json": "{}",
  "sdk/index.html": '<h2 id="createkubeadapt">x</h2>',
  "api/index.html": "<div>Redoc</div>",
  "guides/a.html": guide(
    "# A\n\n## Part\n\n[home](../../README.md) [self](#part) [op](../api/index.html#/workloads/listworkloads) [fn](../sdk/index.html#createkubeadapt)",
  ),
};
const ROUTES = { "api/index.html": new Set(["/workloads", "/workloads/listworkloads"]) };
const PAGES = ["index.html", "guides/a.html"];

describe("the link check of the built site", () => {
  it("passes a site whose links, ids and API routes all exist", () => {
    expect(brokenSiteLinks(site(SOUND), PAGES, ROUTES)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    [
      "a guide's link to a guide that does not exist, and to a heading it lacks",
      "[gone](paging.md) [renamed](#parts)",
      [
        "guides/a.html: paging.html: no such page or file in the site",
        "guides/a.html: #parts: guides/a.html has no id #parts",
      ],
    ],
    [
      "a link into the API reference that names no operation, and into the SDK reference's ids",
      "[op](../api/index.html#/workloads/getworkloads) [fn](../sdk/index.html#nothing)",
      [
        "guides/a.html: ../api/index.html#/workloads/getworkloads: api/index.html has no route #/workloads/getworkloads",
        "guides/a.html: ../sdk/index.html#nothing: sdk/index.html has no id #nothing",
      ],
    ],
    [
      "a root-absolute link, even to a page the site has (a site under a sub-path loses it)",
      '<a href="/index.html">home</a> <a href="/clusters">C</a>',
      [
        "guides/a.html: /index.html: root-absolute (leaves a site served under a sub-path)",
        "guides/a.html: /clusters: root-absolute (leaves a site served under a sub-path)",
      ],
    ],
    [
      "a guide's link to a repository file, which GitHub shows but the site lacks",
      "[code](../../src/index.ts)",
      ["guides/a.html: ../../src/index.ts: outside the site"],
    ],
  ])("fails on %s", (_name, links, broken) => {
    const dir = site({ ...SOUND, "guides/a.html": guide(`# A\n\n## Part\n\n${links}`) });
    expect(brokenSiteLinks(dir, PAGES, ROUTES)).toEqual(broken);
  });

  it("fails on a link out of the site, a missing stylesheet and a malformed link, not on a query", () => {
    const dir = site({
      ...SOUND,
      "index.html":
        '<link href="gone.css"><a href="../../x.html">x</a><a href="openapi.json?v=1">ok</a><a href="a%zz.html">bad</a>',
    });
    expect(brokenSiteLinks(dir, ["index.html"])).toEqual([
      "index.html: gone.css: no such page or file in the site",
      "index.html: ../../x.html: outside the site",
      "index.html: a%zz.html: malformed percent-encoding",
    ]);
  });

  it("reads href and src attributes, with entities decoded", () => {
    expect(
      htmlLinks(
        '<a class="x" href="a.html?x=1&amp;y=2">a</a><img alt="" src="i.png"><p href="no">',
      ),
    ).toEqual(["a.html?x=1&y=2", "i.png"]);
  });
});

describe("the HTTP API reference check", () => {
  const spec = {
    openapi: "3.1.0",
    tags: [{ name: "Workloads" }, { name: "Cost Explorer" }],
    paths: {
      "/v1/workloads": { get: { operationId: "listWorkloads", tags: ["Workloads"] } },
      "/v1/cost-explorer": {
        get: { operationId: "queryCostExplorer", tags: ["Cost Explorer"] },
        parameters: [],
      },
    },
  };
  /** Redoc's page as build-docs writes it: the sidebar's tag ids, then the embedded spec. */
  const redocPage = (embedded: unknown, tags = ["workloads", "cost-explorer"]) =>
    `<div>${tags.map((tag) => `<li id="/${tag}"></li>`).join("")}</div>\n<script>\n      const __redoc_definition = ${JSON.stringify(embedded)};\n      const __redoc_options = {};\n</script>`;

  it("passes a page of the whole spec, and knows its tag and operation routes", () => {
    const checked = checkApiReferencePage(redocPage(spec), spec);
    expect(checked.problems).toEqual([]);
    expect([...checked.routes].sort()).toEqual([
      "/cost-explorer",
      "/cost-explorer/querycostexplorer",
      "/workloads",
      "/workloads/listworkloads",
    ]);
    expect(tagSlug("Cost Explorer")).toBe("cost-explorer");
  });

  it("fails on a page built from another spec, naming the operations it lacks", () => {
    const older = { ...spec, paths: { "/v1/workloads": spec.paths["/v1/workloads"] } };
    expect(checkApiReferencePage(redocPage(older), spec).problems).toEqual([
      "the page embeds a different spec than the published openapi.json; operations missing: queryCostExplorer",
    ]);
  });

  it("fails on a page with no embedded spec, and on a tag missing from the sidebar", () => {
    expect(checkApiReferencePage("<p>Loading…</p>", spec).problems).toEqual([
      "the page embeds no spec (`const __redoc_definition`): did Redoc's format change?",
      'tag "Workloads" is not in the sidebar (no id="/workloads")',
      'tag "Cost Explorer" is not in the sidebar (no id="/cost-explorer")',
    ]);
  });

  it("fails on an operation with no operationId, or no tag of the spec's tags", () => {
    const untidy = {
      ...spec,
      paths: {
        ...spec.paths,
        "/v1/teams": { get: { tags: ["Teams"] } },
        "/v1/nodes": { get: { operationId: "listNodes" } },
      },
    };
    expect(checkApiReferencePage(redocPage(untidy), untidy).problems).toEqual([
      "GET /v1/teams has no operationId",
      "GET /v1/teams has no tag of the spec's tags",
      "GET /v1/nodes has no tag of the spec's tags",
    ]);
  });
});
