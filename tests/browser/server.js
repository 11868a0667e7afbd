// A tiny static server for the browser tests: serves a built site under a subpath, the
// way GitHub Pages serves a project site (folders → index.html, a missing trailing slash
// redirects, anything else is the site's 404.html with status 404).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Starts a server for `root` under `basePath` ("/repo/"); resolves to { url, close }. */
export function serve(root, basePath) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      // A malformed %-escape (hostile links do this): a bad request, not a crash.
      res.writeHead(400);
      return res.end("bad request");
    }
    const notFound = () => {
      const page = path.join(root, "404.html");
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.existsSync(page) ? fs.readFileSync(page) : "not found");
    };
    if (!rel.startsWith(basePath)) return notFound();
    rel = rel.slice(basePath.length);
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root))) return notFound();
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && stat.isDirectory()) {
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { location: url.pathname + "/" + url.search });
        return res.end();
      }
      const index = path.join(file, "index.html");
      stat = fs.statSync(index, { throwIfNoEntry: false });
      if (!stat) return notFound();
      res.writeHead(200, { "content-type": TYPES[".html"] });
      return res.end(fs.readFileSync(index));
    }
    if (!stat) return notFound();
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    res.writeHead(200, { "content-type": type });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${basePath}`,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

/** Every page of a built site (folders holding index.html), as site-relative paths. */
export function pages(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "pagefind") walk(full);
      } else if (entry.name === "index.html") {
        out.push(path.relative(root, dir).split(path.sep).join("/"));
      }
    }
  };
  walk(root);
  return out.sort().map((p) => (p ? p + "/" : ""));
}

/** Starts Debian's Chromium (or $CHROMIUM) headless, with no network of its own. */
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/**
 * A new page in its own context that records script errors and refuses every request
 * to another origin than `server` at once (there is no internet here).
 */
export async function openPage(browser, server, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route("**/*", (route) =>
    route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
  );
  return { page, errors, context };
}

