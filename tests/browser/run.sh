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
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
BRIEF_SITE_DIR="$out/site" BRIEF_BASE_PATH=/mpp-briefing/ node --test "$here/"
