import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { renderHtmlReport } from "../../src/report/html-report.js";
import { buildLinkChart } from "../../src/report/link-chart.js";
import { fixtureCase, HOSTILE_NAME } from "./fixture.js";

// The system Chromium (Debian package `chromium`, installed by .ci/run); no browser download.
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Without Chromium the test is skipped on a developer's machine, and fails in CI (.ci/run sets
// WILDTRACE_REQUIRE_BROWSER=1 after installing it).
it.runIf(process.env.WILDTRACE_REQUIRE_BROWSER === "1")("finds the system Chromium when CI requires it", () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
});

describe.skipIf(!existsSync(CHROMIUM))("HTML case report in headless Chromium", () => {
  let dir: string;
  let context: BrowserContext;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wildtrace-browser-"));
    // A fresh profile every run (launchPersistentContext passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string) {
    const file = join(dir, `report-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, html);
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("dialog", async (d) => {
      problems.push(`dialog opened: ${d.message()}`);
      await d.dismiss();
    });
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("html[data-wt-ready]", { timeout: 10_000 });
    return { page, problems, requests };
  }

  it("draws the chart, shows a clicked account's details, with no console error and no network", async () => {
    const { dataset, results } = fixtureCase();
    const chart = buildLinkChart(results, dataset);
    const { page, problems, requests } = await open(renderHtmlReport(results, dataset));
    expect(await page.locator("svg#wt-chart .wt-node").count()).toBe(chart.nodes.length);
    expect(await page.locator("svg#wt-chart .wt-edge").count()).toBe(chart.edges.length);
    const box = await page.locator("svg#wt-chart").boundingBox();
    expect(box!.width).toBeGreaterThan(300);

    const k = chart.nodes.findIndex((n) => n.id === "ACC-MZ-01");
    await page.locator(`svg#wt-chart .wt-node[data-i="${k}"] circle`).click();
    const details = page.locator("#wt-details");
    await expect.poll(() => details.locator("h3").textContent()).toBe("Pemba Marine Logistics Lda");
    const text = (await details.textContent()) ?? "";
    expect(text).toContain("ACC-MZ-01");
    expect(text).toContain("Millennium bim");
    expect(text).toContain("T2");
    expect(text).toContain("T3");
    expect(await details.locator("table.wt-tx tbody tr").count()).toBe(2);
    expect(await page.locator(`svg#wt-chart .wt-node.wt-selected`).count()).toBe(1);

    // Keyboard: Enter on a focused account selects it too.
    const j = chart.nodes.findIndex((n) => n.id === "ACC-CN-01");
    await page.locator(`svg#wt-chart .wt-node[data-i="${j}"]`).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => details.locator("h3").textContent()).toBe("Li Wei");
    expect(await details.locator(".wt-alerts li").count()).toBe(1);
    expect(await details.textContent()).toContain("high_risk_corridor");

    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
    await page.close();
  });

  it("opens the report of the mini case as the pipeline writes it", async () => {
    const load = await loadCase("datasets/mini");
    const results = analyze(load);
    const chart = buildLinkChart(results, load.dataset);
    const { page, problems, requests } = await open(renderHtmlReport(results, load.dataset));
    expect(chart.nodes.length).toBeGreaterThan(0);
    expect(await page.locator("svg#wt-chart .wt-node").count()).toBe(chart.nodes.length);
    await page.locator(`svg#wt-chart .wt-node[data-i="0"] circle`).click();
    await expect.poll(() => page.locator("#wt-details h3").textContent()).toBe(chart.nodes[0].label);
    expect(await page.locator("#wt-details table.wt-tx tbody tr").count()).toBe(chart.nodes[0].transactions.length);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);
    await page.close();
  });

  it("shows a party named <script> as text and never runs it", async () => {
    const { dataset, results } = fixtureCase();
    const chart = buildLinkChart(results, dataset);
    const { page, problems } = await open(renderHtmlReport(results, dataset, { title: `Case ${HOSTILE_NAME}` }));
    expect(await page.title()).toBe(`Case ${HOSTILE_NAME}`);
    expect(await page.locator("script").count()).toBe(2);
    expect(await page.locator("#subjects").textContent()).toContain(HOSTILE_NAME);
    const k = chart.nodes.findIndex((n) => n.id === "ACC-MY-01");
    await page.locator(`svg#wt-chart .wt-node[data-i="${k}"] circle`).click();
    const details = page.locator("#wt-details");
    await expect.poll(() => details.locator("h3").textContent()).toBe(HOSTILE_NAME);
    expect(await details.locator("script").count()).toBe(0);
    expect(await details.textContent()).toContain(`freight for ${HOSTILE_NAME}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
