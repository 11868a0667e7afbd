// Browser tests of a bilingual build (languages = ["en", "es"]) of the flagship under a
// subpath (tests/browser/run.sh builds it). BRIEF_BILINGUAL_SITE_DIR: the built site;
// skipped when unset. BRIEF_BASE_PATH and CHROMIUM as in briefing.test.js.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve, pages, launchChromium, openPage } from "./server.js";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const SITE = process.env.BRIEF_BILINGUAL_SITE_DIR;
const BASE = process.env.BRIEF_BASE_PATH || "/mpp-briefing/";
const skip = SITE ? false : "set BRIEF_BILINGUAL_SITE_DIR (see tests/browser/run.sh)";

let server;
let browser;

before(async () => {
  if (skip) return;
  server = await serve(SITE, BASE);
  browser = await launchChromium(chromium);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function newPage() {
  return openPage(browser, server, { javaScriptEnabled: true });
}

test("the language switch leads to the same page in the other language and back", { skip }, async () => {
  const { page, errors, context } = await newPage();
  await page.goto(server.url + "timeline/");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.click('a[hreflang="es"]:has-text("Español")');
  await page.waitForLoadState("load");
  assert.equal(new URL(page.url()).pathname, BASE + "es/timeline/");
  assert.equal(await page.getAttribute("html", "lang"), "es");
  assert.match(await page.locator("header nav").innerText(), /Cronología/);
  // Every link of the navigation stays in the Spanish tree.
  const nav = await page.locator("header nav a:not([hreflang])").evaluateAll((as) =>
    as.map((a) => a.getAttribute("href")),
  );
  assert.ok(nav.length > 3 && nav.every((h) => h.startsWith(BASE + "es/")), JSON.stringify(nav));
  await page.click('a[hreflang="en"]:has-text("English")');
  await page.waitForLoadState("load");
  assert.equal(new URL(page.url()).pathname, BASE + "timeline/");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the Spanish search page finds pages of the Spanish tree", { skip }, async () => {
  const { page, errors, context } = await newPage();
  await page.goto(server.url + "es/search/");
  await page.fill("#search-q", "Nuevo Laredo");
  await page.press("#search-q", "Enter");
  const first = page.locator("#search-results li a").first();
  await first.waitFor({ timeout: 15000 });
  const hrefs = await page
    .locator("#search-results li a")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.every((h) => h.startsWith(BASE + "es/")), JSON.stringify(hrefs));
  await first.click();
  await page.waitForLoadState("load");
  assert.equal(await page.getAttribute("html", "lang"), "es");
  assert.match(await page.locator("main").innerText(), /Nuevo Laredo/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("every page of the Spanish tree passes axe and fits a 390 px phone", { skip }, async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.route("**/*", (route) =>
    route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
  );
  const failures = [];
  const spanish = pages(SITE).filter((p) => p.startsWith("es/"));
  assert.ok(spanish.length > 20, JSON.stringify(spanish));
  for (const p of spanish) {
    await page.goto(server.url + p);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) failures.push(`${p}: ${width}px wide`);
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
    );
    for (const v of result.violations) {
      failures.push(`${p}: ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`);
    }
  }
  assert.deepEqual(failures, []);
  await context.close();
});
