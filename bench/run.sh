#!/usr/bin/env bash
# Benchmark: brief vs Hugo on the same synthetic briefing corpus.
#
#   bench/run.sh [SIZES...]        default sizes: 1000 10000
#
# Needs: python3, hyperfine, /usr/bin/time (GNU time), and hugo for the comparison
# (apt-get install hyperfine time hugo). The corpus comes from
# ../shared/bench/gen_corpus.py (deterministic). For each size it prints brief's and
# Hugo's wall time (hyperfine, 3 runs after a warm-up), the ratio, peak memory
# (/usr/bin/time -v) and brief's per-stage breakdown (brief build --verbose).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gen="${GEN_CORPUS:-$here/../shared/bench/gen_corpus.py}"
work="${BENCH_DIR:-/tmp/brief-bench}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

cargo build --release --manifest-path "$here/Cargo.toml" -q
brief="$here/target/release/brief"
mkdir -p "$work"

peak_mb() { # command... → peak RSS in MB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'
}

printf '%-7s %-6s %10s %10s %8s %10s\n' pages tool mean_s stddev_s ratio peak_MB
for n in "${sizes[@]}"; do
  site="$work/brief-$n"
  if [ ! -d "$site/content/sources" ]; then
    python3 "$gen" --pages "$n" --out "$site/content/sources" --flavor plain >/dev/null
    printf 'title = "Benchmark briefing"\nbase_url = "https://example.org/bench/"\n' > "$site/site.toml"
  fi
  hyperfine --warmup 1 --runs 3 --export-json "$work/brief-$n.json" \
    "$brief --root $site build --quiet" >/dev/null
  b_mean=$(python3 -c "import json;r=json.load(open('$work/brief-$n.json'))['results'][0];print(f\"{r['mean']:.3f} {r['stddev']:.3f}\")")
  b_mem=$(peak_mb "$brief" --root "$site" build --quiet)
  h_mean="- -"; h_mem="-"; ratio="-"
  if command -v hugo >/dev/null; then
    hsite="$work/hugo-$n"
    [ -d "$hsite" ] || python3 "$gen" --pages "$n" --out "$hsite" --flavor hugo >/dev/null
    hyperfine --warmup 1 --runs 3 --export-json "$work/hugo-$n.json" \
      "hugo --quiet --source $hsite --destination $work/hugo-out-$n" >/dev/null
    h_mean=$(python3 -c "import json;r=json.load(open('$work/hugo-$n.json'))['results'][0];print(f\"{r['mean']:.3f} {r['stddev']:.3f}\")")
    h_mem=$(peak_mb hugo --quiet --source "$hsite" --destination "$work/hugo-out-$n")
    ratio=$(python3 -c "print(f'{${b_mean% *}/${h_mean% *}:.2f}')")
  fi
  printf '%-7s %-6s %10s %10s %8s %10s\n' "$n" brief ${b_mean} "$ratio" "$b_mem"
  printf '%-7s %-6s %10s %10s %8s %10s\n' "$n" hugo ${h_mean} 1.00 "$h_mem"
  echo "  brief stages at $n pages:"
  "$brief" --root "$site" build --verbose 2>&1 | sed -n 's/^  /    /p'
done
