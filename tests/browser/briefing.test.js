// Browser tests of the briefing pages, on a site built with a subpath base URL
// (tests/browser/run.sh builds it). BRIEF_SITE_DIR: the built site; BRIEF_BASE_PATH:
// its base path (default /mpp-briefing/); CHROMIUM: the browser (default
// /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serve, pages, launchChromium, openPage } from "./server.js";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SITE = process.env.BRIEF_SITE_DIR;
const BASE = process.env.BRIEF_BASE_PATH || "/mpp-briefing/";
if (!SITE) throw new Error("set BRIEF_SITE_DIR to a built site (see tests/browser/run.sh)");

let server;
let browser;

before(async () => {
  server = await serve(SITE, BASE);
  browser = await launchChromium(chromium);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function newPage() {
  return openPage(browser, server);
}

test("search finds Nuevo Laredo and its result opens the right page under the subpath", async () => {
  const { page, errors, context } = await newPage();
  await page.goto(server.url + "search/");
  await page.fill("#search-q", "Nuevo Laredo");
  await page.press("#search-q", "Enter");
  const first = page.locator("#search-results li a").first();
  await first.waitFor({ timeout: 15000 });
  const href = await first.getAttribute("href");
  assert.ok(href.startsWith(BASE), `result link ${href} carries the base path ${BASE}`);
  await first.click();
  await page.waitForLoadState("load");
  const url = new URL(page.url());
  assert.ok(url.pathname.startsWith(BASE), url.pathname);
  assert.ok(url.pathname !== BASE + "search/", "left the search page");
  const text = await page.locator("main").innerText();
  assert.match(text, /Nuevo Laredo/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the search status agrees in number with the results it shows", async () => {
  const { page, errors, context } = await newPage();
  for (const q of ["Zetas", "Tamaulipas"]) {
    await page.goto(server.url + "search/?q=" + q);
    const status = page.locator("#search-status");
    await page.waitForFunction(() => /“/.test(document.getElementById("search-status").textContent), null, { timeout: 15000 });
    const n = await page.locator("#search-results li").count();
    assert.ok(n >= 1, q);
    const expected = n === 1 ? `1 result for “${q}”.` : `${n} results for “${q}”.`;
    assert.equal(await status.innerText(), expected);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("search ranks the documents first and links each to the paragraph that matched", async () => {
  const { page, errors, context } = await newPage();
  await page.goto(server.url + "search/?q=Tamaulipas");
  const links = page.locator("#search-results li > a");
  await links.first().waitFor({ timeout: 15000 });
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.length >= 2, JSON.stringify(hrefs));
  const isSource = (h) => new RegExp("^" + BASE + "sources/[^/#]+/(#|$)").test(h);
  const firstOther = hrefs.findIndex((h) => !isSource(h));
  assert.ok(isSource(hrefs[0]), `first result is a document: ${hrefs[0]}`);
  assert.ok(firstOther === -1 || hrefs.slice(firstOther).every((h) => !isSource(h)), JSON.stringify(hrefs));
  // Each document result links to a paragraph, and its excerpt is that paragraph's.
  const excerpts = await page.locator("#search-results li > p").allInnerTexts();
  assert.equal(new Set(excerpts).size, excerpts.length, "no excerpt is shown twice");
  const sourceLinks = hrefs.filter(isSource);
  for (const h of sourceLinks) assert.match(h, /#b-[0-9a-f]{8}(-\d+)?$/);
  await links.first().click();
  await page.waitForLoadState("load");
  const target = await page.evaluate(() => {
    const t = document.querySelector(":target");
    return t && { tag: t.tagName, text: t.textContent, bg: getComputedStyle(t).backgroundColor };
  });
  assert.ok(target, "the matching paragraph is the :target");
  assert.match(target.text, /Tamaulipas/);
  assert.notEqual(target.bg, "rgba(0, 0, 0, 0)");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a timeline entry's source link lands on the highlighted sentence; old #p-N links still land", async () => {
  const { page, errors, context } = await newPage();
  await page.goto(server.url + "timeline/");
  const link = page.locator("ol.events .reports a").first();
  assert.ok((await link.count()) > 0, "the timeline has entries with source links");
  const href = await link.getAttribute("href");
  assert.match(href, new RegExp("^" + BASE + "sources/[^/]+/#s-[0-9a-f]{8}(-\\d+)?$"));
  await link.click();
  await page.waitForLoadState("load");
  const highlighted = () =>
    page.evaluate(() => {
      const t = document.querySelector(":target");
      if (!t) return null;
      // An alias (old #p-N) is empty: its paragraph is what shows the highlight.
      const shown = t.classList.contains("alias") ? t.parentElement : t;
      return {
        id: t.id,
        tag: shown.tagName,
        cls: shown.className,
        text: shown.textContent.trim(),
        background: getComputedStyle(shown).backgroundColor,
      };
    });
  const target = await highlighted();
  assert.ok(target, "a sentence is the :target");
  assert.equal("#" + target.id, href.slice(href.indexOf("#")));
  assert.equal(target.cls, "sentence");
  assert.ok(target.text.length > 20, target.text);
  assert.notEqual(target.background, "rgba(0, 0, 0, 0)", "the target sentence is highlighted");
  // Its permalink is a keyboard-reachable link to the same address.
  const permalink = page.locator(`a.permalink[href="#${target.id}"]`);
  assert.equal(await permalink.count(), 1);
  await permalink.focus();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "#" + target.id);
  // A link shared before content ids: #p-2 lands on the second paragraph, highlighted.
  const page2 = href.slice(0, href.indexOf("#"));
  await page.goto(new URL(server.url).origin + page2 + "#p-2");
  const old = await highlighted();
  assert.ok(old && old.id === "p-2", JSON.stringify(old));
  assert.match(old.tag, /^(P|LI|H\d)$/);
  assert.notEqual(old.background, "rgba(0, 0, 0, 0)", "the aliased paragraph is highlighted");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the timeline's actor and place links filter in place, and open a page without JavaScript", async () => {
  const { page, errors, context } = await newPage();
  await page.goto(server.url + "timeline/");
  const link = page.locator('.filters a[data-filter="nuevo-laredo"]');
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute("href"), BASE + "timeline/nuevo-laredo/");
  const all = await page.locator("li.event").count();
  await link.click();
  const shown = await page.locator("li.event:visible").count();
  assert.ok(shown > 0 && shown < all, `${shown} of ${all} events shown`);
  for (const li of await page.locator("li.event:visible").all()) {
    assert.match(await li.getAttribute("data-entities"), /\bnuevo-laredo\b/);
  }
  assert.equal(new URL(page.url()).pathname, BASE + "timeline/", "stayed on the page");
  await page.click(".filter-clear");
  assert.equal(await page.locator("li.event:visible").count(), all);
  assert.deepEqual(errors, []);
  await context.close();
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(server.url + "timeline/");
  await p2.click('.filters a[data-filter="nuevo-laredo"]');
  await p2.waitForLoadState("load");
  assert.equal(new URL(p2.url()).pathname, BASE + "timeline/nuevo-laredo/");
  assert.ok((await p2.locator("li.event").count()) > 0);
  await nojs.close();
});

test("every page passes axe (WCAG 2.1 A and AA)", async () => {
  const { page, context } = await newPage();
  const failures = [];
  for (const p of pages(SITE)) {
    await page.goto(server.url + p);
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
    );
    for (const v of result.violations) {
      failures.push(`${p || "(home)"}: ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`);
    }
  }
  assert.deepEqual(failures, []);
  await context.close();
});

test("no page scrolls sideways on a 390 px phone", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const wide = [];
  for (const p of pages(SITE)) {
    await page.goto(server.url + p);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`${p || "(home)"}: ${width}px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});
