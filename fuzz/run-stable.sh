#!/bin/sh
# Runs the cargo-fuzz targets under libFuzzer on a stable toolchain: the same
# instrumentation flags `cargo fuzz build -s none` passes (SanitizerCoverage, no ASan,
# which needs nightly), built for an explicit --target so build scripts stay plain.
# Usage: fuzz/run-stable.sh [SECONDS_PER_TARGET]   (default 60)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-60}
triple=$(rustc -vV | sed -n 's/^host: //p')
cd "$here"
RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
  cargo build --release --bins --target "$triple"
for t in convert_text convert_markdown convert_html extract; do
  mkdir -p "corpus/$t" "artifacts/$t"
  # Seeds: the flagship documents, cut into pieces of at most 4 KB.
  for f in ../content/sources/*.txt; do
    split -b 4000 "$f" "corpus/$t/seed-$(basename "$f" .txt)-"
  done
  echo "== $t: $secs s"
  "target/$triple/release/$t" "corpus/$t" -max_total_time="$secs" -max_len=20000 \
    -timeout=10 -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" -print_final_stats=1
done
