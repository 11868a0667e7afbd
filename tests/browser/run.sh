#!/bin/sh
# Builds the flagship site under a subpath into a temporary folder and runs the browser
# tests against it. Needs Chromium at /usr/bin/chromium (or $CHROMIUM) and `npm ci` run
# in tests/browser/ (done here if node_modules is missing).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$root"
cargo run --quiet -- build --base-url https://example.org/mpp-briefing/ --output "$out/site"
# The same site in two languages (languages.test.js): a copy of its content and
# site.toml with `language = "en"` turned into `languages = ["en", "es"]`.
mkdir "$out/bilingual"
cp -R content "$out/bilingual/"
sed 's/^language = "en"$/languages = ["en", "es"]/' site.toml >"$out/bilingual/site.toml"
grep -q '^languages = \["en", "es"\]$' "$out/bilingual/site.toml"
cargo run --quiet -- --root "$out/bilingual" build --base-url https://example.org/mpp-briefing/ --output "$out/bilingual-site"
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
BRIEF_SITE_DIR="$out/site" BRIEF_BILINGUAL_SITE_DIR="$out/bilingual-site" BRIEF_BASE_PATH=/mpp-briefing/ node --test "$here/"
