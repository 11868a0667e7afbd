#!/usr/bin/env bash
# Benchmark: brief vs Hugo on the same synthetic briefing corpus.
#
#   bench/run.sh [SIZES...]        default sizes: 1000 2000 5000 10000
#
# Environment: RUNS (timed runs per size, default 3; 0 times the one /usr/bin/time run
# instead of using hyperfine, for slow machines), WARMUP (default 1), HUGO_SIZES
# (sizes Hugo also builds, default "1000 10000"), BENCH_DIR (default /tmp/brief-bench),
# GEN_CORPUS (the corpus generator, default ../shared/bench/gen_corpus.py), SEARCH_OFF
# (default 1: one more run per size with the search index off, to show its whole cost).
#
# Needs: python3, hyperfine, /usr/bin/time (GNU time), and hugo for the comparison
# (apt-get install hyperfine time hugo). The corpus is deterministic. For each size it
# prints brief's wall time (hyperfine mean and standard deviation), the time per
# document, peak memory (/usr/bin/time -v) and, for the Hugo sizes, Hugo's time, peak
# memory and the ratio; then brief's per-stage breakdown (brief build --verbose) of one
# more run. Stages overlap where the build overlaps them: `search` is the search index's
# build after the last page is rendered (its pages are read alongside rendering), `write`
# the final swap of the staging folder (files are written as they are rendered).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gen="${GEN_CORPUS:-$here/../shared/bench/gen_corpus.py}"
work="${BENCH_DIR:-/tmp/brief-bench}"
runs="${RUNS:-3}"
warmup="${WARMUP:-1}"
hugo_sizes=" ${HUGO_SIZES:-1000 10000} "
search_off="${SEARCH_OFF:-1}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 2000 5000 10000)

cargo build --release --manifest-path "$here/Cargo.toml" -q
brief="$here/target/release/brief"
mkdir -p "$work"

elapsed_s() { # file with /usr/bin/time -v output → wall seconds
  awk '/Elapsed \(wall clock\)/ {n=split($NF,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.2f", s}' "$1"
}
timed() { # name command... → "mean stddev" (hyperfine, or one timed run when RUNS=0)
  local name="$1"; shift
  if [ "$runs" -gt 0 ]; then
    hyperfine --warmup "$warmup" --runs "$runs" --export-json "$work/$name.json" "$*" >/dev/null
    mean_sd "$work/$name.json"
  else
    /usr/bin/time -v "$@" >/dev/null 2>"$work/$name.once"
    echo "$(elapsed_s "$work/$name.once") -"
  fi
}
mean_sd() { # hyperfine JSON → "mean stddev" in seconds
  python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['mean']:.2f} {(r['stddev'] or 0):.2f}\")" "$1"
}
peak_mb() { # file with /usr/bin/time -v output → peak RSS in MB
  awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}' "$1"
}

summary="$work/summary.txt"
stages="$work/stages.txt"
: > "$summary"
: > "$stages"
row() { printf '%-7s %-6s %9s %9s %11s %9s %7s\n' "$@" | tee -a "$summary"; }
row pages tool mean_s stddev_s ms_per_doc peak_MB vs_hugo

for n in "${sizes[@]}"; do
  site="$work/brief-$n"
  if [ ! -d "$site/content/sources" ]; then
    python3 "$gen" --pages "$n" --out "$site/content/sources" --flavor plain >/dev/null
    printf 'title = "Benchmark briefing"\nbase_url = "https://example.org/bench/"\n' > "$site/site.toml"
  fi
  if [ "$runs" -gt 0 ]; then
    read -r b_mean b_sd < <(timed "brief-$n" "$brief" --root "$site" build --quiet)
  fi
  /usr/bin/time -v "$brief" --root "$site" build --verbose >"$work/brief-$n.stages" 2>&1
  b_mem=$(peak_mb "$work/brief-$n.stages")
  [ "$runs" -gt 0 ] || { b_mean=$(elapsed_s "$work/brief-$n.stages"); b_sd=-; }
  per_doc=$(python3 -c "print(f'{$b_mean*1000/$n:.2f}')")
  ratio="-"
  h_line=""
  if command -v hugo >/dev/null && [[ "$hugo_sizes" == *" $n "* ]]; then
    hsite="$work/hugo-$n"
    [ -d "$hsite" ] || python3 "$gen" --pages "$n" --out "$hsite" --flavor hugo >/dev/null
    read -r h_mean h_sd < <(timed "hugo-$n" hugo --quiet --source "$hsite" \
      --destination "$work/hugo-out-$n")
    /usr/bin/time -v hugo --quiet --source "$hsite" --destination "$work/hugo-out-$n" \
      >/dev/null 2>"$work/hugo-$n.time"
    h_mem=$(peak_mb "$work/hugo-$n.time")
    ratio=$(python3 -c "print(f'{$b_mean/$h_mean:.2f}')")
    h_per_doc=$(python3 -c "print(f'{$h_mean*1000/$n:.2f}')")
    h_line="$n hugo $h_mean $h_sd $h_per_doc $h_mem 1.00"
  fi
  row "$n" brief "$b_mean" "$b_sd" "$per_doc" "$b_mem" "$ratio"
  [ -z "$h_line" ] || row $h_line
  # The search index reads its pages alongside rendering, so its `search` stage (the
  # build after render) is not its whole cost: one more run with the index off shows it.
  off_line=""
  if [ "$search_off" = 1 ]; then
    off="$work/brief-$n-nosearch"
    mkdir -p "$off"
    ln -sfn "$site/content" "$off/content"
    { cat "$site/site.toml"; printf '\n[search]\nenabled = false\n'; } > "$off/site.toml"
    /usr/bin/time -v "$brief" --root "$off" build --quiet >/dev/null 2>"$work/brief-$n-nosearch.time"
    off_line="    without the search index: $(elapsed_s "$work/brief-$n-nosearch.time") s wall, $(peak_mb "$work/brief-$n-nosearch.time") MB peak"
  fi
  {
    echo "brief stages at $n pages:"
    grep -v '^  language ' "$work/brief-$n.stages" | sed -n 's/^  /    /p'
    [ -z "$off_line" ] || echo "$off_line"
  } | tee -a "$stages"
done
echo
cat "$summary"
cat "$stages"
