import type { Locator, Page } from "playwright-core";

const TIMEOUT_MS = 30_000;

/** Only what is rendered visibly counts, hence innerText rather than textContent. */
function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM's
  return locator.innerText();
}

/** What the HTTP API reference must show once its operation is opened. */
export interface ApiExpectations {
  /** Every tag of the spec: each must be in the sidebar. */
  tags: readonly string[];
  /** The sidebar group and operation to open, and the operation's id. */
  tag: string;
  operation: string;
  operationId: string;
  /** Text that must be visible once the operation is open, over all its response tabs. */
  text: readonly string[];
  /** Text that must be a line of its own (Redoc shows parameter names so). */
  lines: readonly string[];
  /** How long Redoc may take to render. @default 30_000 */
  timeoutMs?: number;
}

/**
 * What a reader sees after opening `tag`, then `operation`, in Redoc's sidebar and visiting
 * each of its response status tabs (Redoc renders tags collapsed and one status at a time).
 */
async function renderedText(page: Page, expected: ApiExpectations): Promise<string> {
  const { timeoutMs = TIMEOUT_MS } = expected;
  const menu = page.locator("[data-component-name='Menu/Menu']");
  const tag = menu.getByText(expected.tag, { exact: true });
  await tag.waitFor({ state: "visible", timeout: timeoutMs }).catch(() => {
    throw new Error(
      `no "${expected.tag}" in the sidebar within ${timeoutMs} ms: Redoc did not render`,
    );
  });
  const sidebar = await visibleText(menu);
  // A click before React hydrates the prerendered sidebar does nothing: retry until it opens.
  const operation = menu.getByText(expected.operation, { exact: true });
  for (let attempt = 1; !(await operation.isVisible()); attempt++) {
    if (attempt > 10) {
      throw new Error(
        `"${expected.operation}" never appeared under "${expected.tag}" in the sidebar`,
      );
    }
    await tag.click();
    await operation.waitFor({ state: "visible", timeout: 2_000 }).catch(() => {});
  }
  await operation.click();
  // Redoc renders operations lazily; this one's section id is "<tag>/<operationid>".
  const tabs = page
    .locator(`[id$="/${expected.operationId.toLowerCase()}/responses"]`)
    .getByRole("tablist", { name: "Response status" })
    .getByRole("tab");
  await tabs.first().waitFor({ timeout: timeoutMs });
  const seen = [sidebar, await visibleText(page.locator("body"))];
  for (const tab of await tabs.all()) {
    await tab.click();
    await tab.and(page.locator('[aria-selected="true"]')).waitFor({ timeout: timeoutMs });
    seen.push(await visibleText(page.locator("body")));
  }
  return seen.join("\n");
}

/**
 * Opens the HTTP API reference at `url` and uses it as a reader would.
 * @throws naming everything expected that is not visible
 */
export async function checkApiReference(
  page: Page,
  url: string,
  expected: ApiExpectations,
): Promise<void> {
  await page.goto(url, { waitUntil: "load", timeout: TIMEOUT_MS });
  const text = await renderedText(page, expected);
  const lines = new Set(text.split("\n").map((line) => line.trim()));
  const missing = [
    ...expected.tags.filter((name) => !lines.has(name)),
    ...expected.text.filter((want) => !text.includes(want)),
    ...expected.lines.filter((want) => !lines.has(want)),
  ];
  if (missing.length > 0) {
    throw new Error(`not visible in the HTTP API reference: ${missing.join(", ")}`);
  }
}

/** A page of the SDK reference and the text it must show. */
export interface SdkPageExpectation {
  /** Relative to the SDK reference's root, e.g. `modules/kubeadapt.html`. */
  path: string;
  text: readonly string[];
}

/**
 * Opens each page of the SDK reference under `rootUrl` (ending in `/`) and checks its visible
 * text: the module pages list their exports, the class and function pages their members.
 * @throws naming each page and the text it lacks
 */
export async function checkSdkReference(
  page: Page,
  rootUrl: string,
  expected: readonly SdkPageExpectation[],
): Promise<void> {
  const missing: string[] = [];
  for (const { path, text } of expected) {
    const response = await page.goto(`${rootUrl}${path}`, { waitUntil: "load" }).catch(() => null);
    const shown = response?.ok() ? await visibleText(page.locator("body")) : "";
    const absent = text.filter((want) => !shown.includes(want));
    if (absent.length > 0) missing.push(`${path}: ${absent.join(", ")}`);
  }
  if (missing.length > 0) {
    throw new Error(`not visible in the SDK reference:\n  ${missing.join("\n  ")}`);
  }
}

/**
 * Opens the HTTP API reference at `url` at each of `routes` (`/workloads/listworkloads`), the
 * fragments `npm run docs` lets guides link to, and checks Redoc rendered the element of that id
 * (`workloads/listworkloads`): the build computes the routes from the spec, this proves Redoc
 * answers to them.
 * @throws naming every route with no element
 */
export async function checkApiRoutes(
  page: Page,
  url: string,
  routes: Iterable<string>,
  timeoutMs = 10_000,
): Promise<void> {
  const missing: string[] = [];
  for (const route of routes) {
    await page.goto(`${url}#${route}`, { waitUntil: "load", timeout: TIMEOUT_MS });
    const shown = await page
      .locator(`[id="${route.slice(1)}"]`)
      .first()
      .waitFor({ state: "attached", timeout: timeoutMs })
      .then(
        () => true,
        () => false,
      );
    if (!shown) missing.push(`#${route}`);
  }
  if (missing.length > 0) {
    throw new Error(`routes of the HTTP API reference that show nothing: ${missing.join(", ")}`);
  }
}
