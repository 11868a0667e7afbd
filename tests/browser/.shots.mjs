import { chromium } from "playwright-core";
import { serve } from "./server.js";
const server = await serve(process.argv[2], "/mpp-briefing/");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const shots = [
  ["home-hl", "", "#highlights-heading"],
  ["timeline", "timeline/", null],
  ["brief", "brief/", null],
  ["source", "sources/002-95af5cb3ceccfe72/#p-12", null],
  ["method", "methodology/", ".review-counts"],
];
for (const [w, h, tag] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await ctx.newPage();
  for (const [name, path, sel] of shots) {
    await page.goto(server.url + path);
    if (sel) await page.locator(sel).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/shots/${name}-${tag}.png` });
  }
  await ctx.close();
}
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(server.url + "brief/");
await page.emulateMedia({ media: "print" });
await page.screenshot({ path: "/tmp/shots/brief-print.png", fullPage: true });
await browser.close();
await server.close();
