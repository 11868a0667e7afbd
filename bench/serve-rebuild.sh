#!/usr/bin/env bash
# Serve rebuild time: starts `brief serve` on a copy of a site, appends a sentence to
# one source N times (default 10), and prints the rebuild time brief reports for each
# edit ("edited …: built … in N ms").
#
#   bench/serve-rebuild.sh [SITE_DIR] [EDITS]      default: the flagship site, 10 edits
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
site="${1:-$here}"
edits="${2:-10}"
cargo build --release --manifest-path "$here/Cargo.toml" -q
work="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work" "$work.log"' EXIT
cp -r "$site/content" "$site/site.toml" "$work/"
[ -d "$site/themes" ] && cp -r "$site/themes" "$work/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$here/target/release/brief" --root "$work" serve --port "$port" >/dev/null 2>"$work.log" &
pid=$!
log="$work.log"
sleep 3 # the first build, and the watcher settling
target="$(find "$work/content/sources" -maxdepth 1 \( -name "*.txt" -o -name "*.md" -o -name "*.html" \) | sort | head -1)"
for i in $(seq 1 "$edits"); do
  printf '\nEdit %s: on 3 March 2021, %s people were counted.\n' "$i" "$((1000 + i))" >> "$target"
  sleep 2
done
grep "^changed" "$log" | sed -E 's/.* in ([0-9]+) ms/\1/' |
  awk '{print; s+=$1; if (min==""||$1<min) min=$1; if ($1>max) max=$1} END {printf "rebuild: min %d ms, mean %.0f ms, max %d ms over %d edits\n", min, s/NR, max, NR}'
