/**
 * Regenerate docs/report.png, the README's picture of the case report, with the same headless
 * Chromium set-up as the browser test (Debian `chromium`, driven by playwright-core):
 *
 *   npx tsx src/cli/bin.ts analyze datasets/ivory-tz-my-cn --out /tmp/flag-out \
 *     --trace CN-3054051 --trace CN-2835577     # the flagship case and its truth.json traceSeeds
 *   npx tsx docs/make-screenshot.mts /tmp/flag-out/report.html docs/report.png
 *
 * The best-scored account on a traced flow is selected, so that the details panel shows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [report, out] = process.argv.slice(2);
if (!report || !out) throw new Error("usage: make-screenshot.mts REPORT.html OUT.png");
const profile = mkdtempSync(join(tmpdir(), "wildtrace-shot-"));
const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const context = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args, viewport: { width: 1440, height: 1300 } });
try {
  const page = await context.newPage();
  await page.goto(pathToFileURL(resolve(report)).href);
  await page.waitForSelector("html[data-wt-ready]");
  // Select the best-scored account on a traced flow (else the first account drawn).
  const pick = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById("wt-data")?.textContent ?? "{}") as { nodes: { flow: boolean; score: number }[] };
    let best = 0;
    data.nodes.forEach((n, i) => {
      const b = data.nodes[best];
      if (Number(n.flow) * 1000 + n.score > Number(b.flow) * 1000 + b.score) best = i;
    });
    return best;
  });
  await page.locator(`.wt-node[data-i="${pick}"]`).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  const bottom = await page.locator("#chart").evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
  await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1440, height: Math.ceil(bottom) + 16 } });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
