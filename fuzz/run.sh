#!/usr/bin/env bash
# Fuzzes the audit. Usage: fuzz/run.sh [SECONDS] [TARGET]
#   pipeline (default): the in-memory pipeline on arbitrary bytes, seeded from the sample crates;
#   skipping: generated workspaces, audited by default and with --parse-all, which must agree.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer wants nightly flags; on a stable
# toolchain RUSTC_BOOTSTRAP=1 lets them through.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
target=${2:-pipeline}
mkdir -p "corpus/$target"
# A workspace is built from five bytes a status: inputs need not grow slowly from nothing. Its
# findings are checked at their lines, which proc-macro2 does not keep under `cfg(fuzzing)`.
lengths=(-max_len=128 -len_control=0)
build=(--no-cfg-fuzzing)
if [ "$target" = pipeline ]; then
  find ../test-crates -name '*.rs' -not -path '*/target/*' -exec cp {} corpus/pipeline/ \;
  lengths=(-max_len=65536)
  build=()
fi
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "${build[@]}" "$target" "corpus/$target" -- \
  -max_total_time="$seconds" "${lengths[@]}" -timeout=10 -rss_limit_mb=4096
