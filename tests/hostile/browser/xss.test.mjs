// Script injection in the browser (issue 6). BRIEF_SITE_DIR: the built hostile fixture
// (tests/hostile/browser/run.sh); BRIEF_SLOTS: its slots.json. Every vector calls
// __xss('vNN'); an init script in every frame defines __xss (and alert, confirm,
// prompt, print) to report to the test. Every page, feed and SVG of the site is loaded;
// nothing may report. A control page with a live script proves the hook works.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { serve } from "../../browser/server.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../browser/package.json"));
const { chromium } = require("playwright-core");

const SITE = process.env.BRIEF_SITE_DIR;
const BASE = process.env.BRIEF_BASE_PATH || "/sub/";
const SLOTS = JSON.parse(fs.readFileSync(process.env.BRIEF_SLOTS, "utf8"));
// What shows that a vector reached a page as text: its __xss call, or its base64 payload.
const NEEDLES = fs
  .readFileSync(path.join(here, "../xss_vectors.txt"), "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .map((v) => (v.match(/xss\('?v?\d+/) || v.match(/[A-Za-z0-9+/=]{20,}/))[0]);
if (!SITE) throw new Error("set BRIEF_SITE_DIR (see tests/hostile/browser/run.sh)");

const HOOK = `(() => {
  const report = (what) => { try { window.__xssReport(String(what), String(location.href)); } catch (e) {} };
  for (const w of [window]) {
    w.__xss = report;
    w.alert = (m) => report("alert:" + m);
    w.confirm = (m) => report("confirm:" + m);
    w.prompt = (m) => report("prompt:" + m);
    w.print = () => report("print");
  }
})();`;

// Every file a browser might run script from: HTML pages, feeds (XML may carry XHTML
// script), SVG images.
function targets(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "pagefind") walk(full);
      } else if (/\.(html|xml|svg)$/.test(e.name)) {
        out.push(path.relative(root, full).split(path.sep).join("/"));
      }
    }
  };
  walk(root);
  return out.sort();
}

let server;
let browser;
let context;
const calls = [];

before(async () => {
  // The control page: a deliberately live script and event handler.
  fs.writeFileSync(
    path.join(SITE, "xss-control.html"),
    "<!doctype html><title>control</title><script>__xss('control-script')</script>" +
      "<img src=nowhere.png onerror=\"__xss('control-onerror')\"><script>alert('control-alert')</script>",
  );
  server = await serve(SITE, BASE);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  context = await browser.newContext();
  await context.exposeBinding("__xssReport", ({ frame }, what, where) =>
    calls.push({ what, where, frame: frame.url() }),
  );
  await context.addInitScript(HOOK);
  // No internet: requests to other origins are refused at once.
  await context.route("**/*", (route) =>
    route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
  );
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(path.join(SITE, "xss-control.html"), { force: true });
});

// Loads a page, lets timers, animations and autofocus run, then reads the DOM for
// anything live that a click could still trigger.
async function visit(rel) {
  const page = await context.newPage();
  try {
    await page.goto(server.url + rel, { waitUntil: "load", timeout: 30000 });
    await page.waitForTimeout(100);
    return await page.evaluate(() => {
      const bad = [];
      const schemes = /^\s*(javascript|data|vbscript):/i;
      for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) {
          const n = a.name.toLowerCase();
          if (n.startsWith("on")) bad.push(`<${el.localName} ${n}>`);
          if (["href", "src", "action", "formaction", "xlink:href", "srcdoc", "background"].includes(n)
              && (n === "srcdoc" || schemes.test(a.value.replace(/[\u0000-\u0020]/g, "")))) {
            bad.push(`<${el.localName} ${n}=${a.value}>`);
          }
        }
        if (el.localName === "script") {
          const type = el.getAttribute("type");
          if (type === "application/ld+json") {
            try { JSON.parse(el.textContent); } catch (e) { bad.push("JSON-LD does not parse: " + e); }
          } else if (!el.src || new URL(el.src).origin !== location.origin) {
            bad.push("inline or foreign <script>: " + (el.src || el.textContent.slice(0, 60)));
          }
        }
        if (["iframe", "object", "embed", "frame", "base"].includes(el.localName)) bad.push(`<${el.localName}>`);
      }
      return { bad, text: document.documentElement.textContent };
    });
  } finally {
    await page.close();
  }
}

test("the hook fires on the control page's live script (so this test can fail)", async () => {
  const before = calls.length;
  await visit("xss-control.html");
  const fired = calls.slice(before).map((c) => c.what).sort();
  assert.deepEqual(fired, ["alert:control-alert", "control-onerror", "control-script"]);
  calls.length = before;
});

test("no XSS vector in any input slot runs in any page, feed or SVG", async () => {
  const files = targets(SITE).filter((f) => f !== "xss-control.html");
  assert.ok(files.length > 200, `only ${files.length} pages`);
  const problems = [];
  const seen = new Set();
  // A few tabs at once: the machine is small.
  const queue = [...files];
  await Promise.all(
    [0, 1, 2].map(async () => {
      while (queue.length) {
        const rel = queue.shift();
        const { bad, text } = await visit(rel);
        for (const b of bad) problems.push(`${rel}: ${b}`);
        for (const n of NEEDLES) if (text.includes(n)) seen.add(n);
      }
    }),
  );
  const executed = calls.map((c) => `${c.what} in ${c.where}`);
  console.log(
    `# ${SLOTS.vectors.length} vectors x ${SLOTS.slots.length} slots (+${SLOTS.site_slots} site-wide) = ` +
      `${SLOTS.placements} placements; ${files.length} files loaded; ${executed.length} executed`,
  );
  assert.deepEqual(executed, [], "script from a document ran");
  assert.deepEqual(problems, [], "live markup in the DOM");
  // The vectors reached the pages as text (they were escaped, not silently dropped).
  const missing = NEEDLES.filter((n) => !seen.has(n));
  assert.deepEqual(missing, [], "vectors shown as text nowhere");
});
