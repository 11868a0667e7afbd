// The review page of `brief serve`, driven in Chromium: a copy of the flagship site in a
// temporary folder, the debug binary serving it on a free loopback port. Approve a
// fact, fix a figure's value, set an event's title; then the corrections file (parsed)
// and the rebuilt site must say so. A form posted from a page of another origin must
// be refused and leave the file as it was. BRIEF_BIN: the binary (default
// target/debug/brief, which tests/browser/run.sh builds); CHROMIUM: the browser.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const BIN = process.env.BRIEF_BIN || path.join(ROOT, "target/debug/brief");

let site; // the temporary site folder
let server; // the brief serve process
let origin; // http://127.0.0.1:PORT
let basePath; // /mpp-briefing/
let browser;
let stderr = "";

const corrections = () => path.join(site, "content/corrections.toml");

/** The `[[correction]]` tables of the file, by id (a small reader for flat tables). */
function readCorrections() {
  const byId = new Map();
  let current = null;
  for (const line of fs.readFileSync(corrections(), "utf8").split("\n")) {
    const t = line.trim();
    if (t === "[[correction]]") {
      current = {};
      continue;
    }
    if (t.startsWith("[")) {
      current = null;
      continue;
    }
    const m = /^([a-z_]+)\s*=\s*(.*?)\s*(#.*)?$/.exec(t);
    if (!current || !m) continue;
    current[m[1]] = JSON.parse(m[2]); // strings, numbers and booleans are JSON here
    if (m[1] === "id") byId.set(current.id, current);
  }
  return byId;
}

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), "brief-review-"));
  for (const entry of ["site.toml", "content", "themes"]) {
    fs.cpSync(path.join(ROOT, entry), path.join(site, entry), { recursive: true });
  }
  server = spawn(BIN, ["serve", "--port", "0", "--root", site], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr.on("data", (d) => (stderr += d));
  const first = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("brief serve printed no address: " + stderr)), 60000);
    server.stdout.on("data", (d) => {
      out += d;
      const m = /serving at (http:\/\/127\.0\.0\.1:\d+)(\/\S*)/.exec(out);
      if (m && out.includes("review the facts at")) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    server.on("exit", (code) => reject(new Error(`brief serve exited (${code}): ${stderr}`)));
  });
  origin = first[1];
  basePath = first[2];
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/** The first fact on the review page whose id starts with `prefix` and that `ok`
 * accepts (given its current values as shown). */
async function pickFact(page, prefix, ok = () => true) {
  const facts = await page.$$eval("article.fact", (list) =>
    list.map((a) => ({
      id: a.id,
      values: Object.fromEntries(
        [...a.querySelectorAll("dl dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
      ),
    })),
  );
  const fact = facts.find((f) => f.id.startsWith(prefix) && ok(f.values, f.id));
  assert.ok(fact, `a fact ${prefix}… on the review page`);
  return fact;
}

test("the review page passes axe (WCAG 2.1 A and AA)", async () => {
  // The page's Content-Security-Policy forbids scripts; axe is put in by the test.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(origin + "/review/");
  // With every fix form open, so that its fields are checked too.
  await page.$$eval("details", (all) => all.forEach((d) => (d.open = true)));
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`);
  });
  assert.deepEqual(violations, []);
  await context.close();
});

test("the review page does not scroll sideways on a 390 px phone", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(origin + "/review/");
  // Open every fix form too: its fields must fit as well.
  await page.$$eval("details", (all) => all.forEach((d) => (d.open = true)));
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `page is ${scroll} px wide in a ${client} px window`);
  await context.close();
});

test("the review page approves, fixes a value and sets a title; the file and the site follow", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const response = await page.goto(origin + "/review/");
  assert.equal(response.status(), 200);
  assert.match(await page.locator("h1").innerText(), /Review the facts/);

  // 1. Approve an event, with a note.
  const approved = await pickFact(page, "ev-");
  const a = page.locator(`article[id="${approved.id}"]`);
  await a.getByLabel("Note").first().fill("approved in the browser test");
  await Promise.all([
    page.waitForURL(/\/review\/\?saved=/),
    a.getByRole("button", { name: "Approve" }).click(),
  ]);
  assert.match(await page.locator("[role=status]").innerText(), new RegExp(approved.id));
  let file = readCorrections();
  assert.equal(file.get(approved.id).action, "approve");
  assert.equal(file.get(approved.id).note, "approved in the browser test");

  // 2. Fix a figure's value (one with a single value, not a range).
  const figure = await pickFact(page, "st-", (v) => v.value && !v.low && !v.high);
  const f = page.locator(`article[id="${figure.id}"]`);
  await f.locator("summary", { hasText: "Fix the values" }).click();
  const value = f.getByLabel("Value", { exact: false }).first();
  assert.equal(await value.getAttribute("type"), "number");
  await value.fill("98765");
  await Promise.all([
    page.waitForURL(/\/review\/\?saved=/),
    f.getByRole("button", { name: "Save the fix" }).click(),
  ]);
  file = readCorrections();
  assert.equal(file.get(figure.id).action, "fix");
  assert.equal(file.get(figure.id).value, 98765);
  // Fields the editor did not touch are not written.
  assert.equal(file.get(figure.id).measure, undefined);

  // 3. Set an event's title.
  const titled = await pickFact(page, "ev-", (_, id) => id !== approved.id);
  const e = page.locator(`article[id="${titled.id}"]`);
  await e.locator("summary", { hasText: "Fix the values" }).click();
  await e.getByLabel("Title").fill("Single adults returned to Mexico (browser test)");
  await Promise.all([
    page.waitForURL(/\/review\/\?saved=/),
    e.getByRole("button", { name: "Save the fix" }).click(),
  ]);
  file = readCorrections();
  assert.equal(file.get(titled.id).title, "Single adults returned to Mexico (browser test)");
  // The review page shows the fixed values.
  assert.match(
    await page.locator(`article[id="${titled.id}"] h2`).innerText(),
    /Single adults returned to Mexico \(browser test\)/,
  );

  // The file is still one the build reads: the site was rebuilt with all three.
  await page.goto(origin + basePath + "timeline/");
  assert.match(await page.locator("main").innerText(), /Single adults returned to Mexico \(browser test\)/);
  await page.goto(origin + basePath + "statistics/");
  assert.match(await page.locator("main").innerText(), /98,765|98\u00a0765|98765/);
  assert.doesNotMatch(stderr, /error:/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a form posted from another origin is refused and the file is unchanged", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "/review/");
  // The worst case: the attacker somehow knows this run's token and a fact id.
  const token = await page.locator("input[name=token]").first().getAttribute("value");
  const id = await page.locator("article.fact").first().getAttribute("id");
  const before = fs.readFileSync(corrections(), "utf8");

  const evil = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    if (req.url !== "/") return res.end(`<!DOCTYPE html><html lang="en"><title>Elsewhere</title><p>x</p>`);
    res.end(`<!DOCTYPE html><html lang="en"><title>Elsewhere</title>
      <form id="f" method="post" action="${origin}/review/">
        <input name="token" value="${token}"><input name="id" value="${id}">
        <input name="action" value="drop">
      </form>
      <script>document.getElementById("f").submit();</script>`);
  });
  await new Promise((r) => evil.listen(0, "127.0.0.1", r));
  // Another origin: another port (and "localhost" is not the review page's host
  // name check's business here, only the Origin is).
  const evilUrl = `http://localhost:${evil.address().port}/`;
  const answer = page.waitForResponse((r) => r.url().startsWith(origin + "/review/") && r.request().method() === "POST");
  await page.goto(evilUrl);
  const response = await answer;
  assert.equal(response.status(), 403);
  await page.waitForLoadState("load");
  assert.match(await page.content(), /another site/);
  assert.equal(fs.readFileSync(corrections(), "utf8"), before);

  // A fetch from that page, token included, gets nowhere either.
  await page.goto(evilUrl.replace(/\/$/, "/x"));
  const status = await page.evaluate(async ({ origin, token, id }) => {
    try {
      const r = await fetch(origin + "/review/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `token=${token}&id=${id}&action=drop`,
      });
      return r.status;
    } catch {
      return "blocked";
    }
  }, { origin, token, id });
  assert.ok(status === "blocked" || status === 403, String(status));
  assert.equal(fs.readFileSync(corrections(), "utf8"), before);
  await new Promise((r) => evil.close(r));
  await context.close();
});
