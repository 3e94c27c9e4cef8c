#!/usr/bin/env bash
# Fuzzes the in-memory pipeline, seeded from the sample crates. Usage: fuzz/run.sh [SECONDS]
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer wants nightly flags; on a stable
# toolchain RUSTC_BOOTSTRAP=1 lets them through.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
mkdir -p corpus/pipeline
find ../test-crates -name '*.rs' -not -path '*/target/*' -exec cp {} corpus/pipeline/ \;
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none pipeline corpus/pipeline -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096
