#!/bin/sh
# Script injection in a real browser (issue 6): writes the hostile fixture (every XSS
# vector of tests/hostile/xss_vectors.txt in every input slot, see tests/it/hostile.rs),
# builds it, and loads every generated page in headless Chromium with a hook that
# records any script a vector manages to run. Needs /usr/bin/chromium (or $CHROMIUM)
# and tests/browser's node_modules (npm ci there; done here if missing).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
BRIEF_HOSTILE_FIXTURE="$work/site" cargo test --quiet --test it \
  hostile::write_fixture_for_the_browser_test -- --ignored --exact >/dev/null
cargo run --quiet -- --root "$work/site" --quiet build
if [ ! -d "$root/tests/browser/node_modules" ]; then
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund)
fi
BRIEF_SITE_DIR="$work/site/public" BRIEF_BASE_PATH=/sub/ BRIEF_SLOTS="$work/site/slots.json" \
  node --test "$here/xss.test.mjs"
