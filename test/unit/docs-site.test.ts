import { describe, expect, it } from "vitest";
import { inlineCdnLogos } from "../../scripts/docs/api-reference.js";
import { orderSlugs, renderGuide, siteHref } from "../../scripts/docs/guides.js";

describe("the docs site build", () => {
  it("swaps Redoc's CDN logos for inline images, and refuses a page where they moved", () => {
    const html =
      "src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`";
    const inlined = inlineCdnLogos(html);
    expect(inlined).not.toContain("https://");
    expect(inlined.match(/data:image\/svg\+xml,/g)).toHaveLength(2);
    expect(() => inlineCdnLogos("src:`https://cdn.redoc.ly/redoc/logo-v2.svg`")).toThrow(
      "no longer contains https://cdn.redoc.ly/redoc/logo-mini-full.svg",
    );
  });

  it("turns links written for GitHub into links of the site", () => {
    expect(siteHref("pagination.md")).toBe("pagination.html");
    expect(siteHref("./errors-and-retries.md#retries")).toBe("errors-and-retries.html#retries");
    expect(siteHref("../../README.md")).toBe("../index.html");
    expect(siteHref("#walks")).toBe("#walks");
    expect(siteHref("https://example.com/a.md")).toBe("https://example.com/a.md");
    expect(siteHref("../api/index.html")).toBe("../api/index.html");
  });

  it("orders the known guides first, then any other by name", () => {
    expect(orderSlugs(["zeta", "benchmarks", "alpha", "quick-start", "pagination"])).toEqual([
      "quick-start",
      "pagination",
      "benchmarks",
      "alpha",
      "zeta",
    ]);
  });

  it("titles a guide by its first heading and gives headings GitHub's ids", () => {
    const guide = renderGuide("x", "Intro\n\n# The `kubeadapt` CLI\n\n## Exit codes\n\n[a](y.md)");
    expect(guide.title).toBe("The kubeadapt CLI");
    expect(guide.html).toContain('<h2 id="exit-codes">Exit codes</h2>');
    expect(guide.html).toContain('<a href="y.html">a</a>');
    expect(() => renderGuide("empty", "no heading")).toThrow("docs/guides/empty.md has no heading");
  });
});
