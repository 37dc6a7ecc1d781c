#!/usr/bin/env bash
# Fuzzes the model loader, the duration and the distribution parsers with libFuzzer (clang,
# ASan+UBSan) in build/fuzz. Usage: scripts/fuzz.sh [SECONDS]  (default 3600; test.sh runs 60).
# Seeds: tests/fuzz/corpus and the test and example models. New inputs go to build/fuzz/corpus;
# a crash, a leak, a hang (>10 s) or >1 GB of memory stops the run and leaves the input in
# build/fuzz/artifacts: add it to tests/fuzz/regressions (the Catch2 suite replays that folder).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN=${1:-${FUZZ_SECONDS:-3600}}
JOBS=${JOBS:-2}
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
  -DCMAKE_CXX_COMPILER=clang++ -DOUTAGESIM_FUZZ=ON -DOUTAGESIM_BUILD_TESTS=OFF \
  -DOUTAGESIM_BUILD_BENCH=OFF -DOUTAGESIM_BUILD_PYTHON=OFF "${launcher[@]}" >/dev/null
cmake --build build/fuzz -j"$JOBS" --target fuzz_model_loader

mkdir -p build/fuzz/corpus build/fuzz/artifacts
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
  build/fuzz/tests/fuzz/fuzz_model_loader -max_total_time="$SECONDS_TO_RUN" -timeout=10 \
  -rss_limit_mb=1024 -max_len=16384 -dict=tests/fuzz/model.dict -print_final_stats=1 \
  -artifact_prefix=build/fuzz/artifacts/ \
  build/fuzz/corpus tests/fuzz/corpus tests/models/good tests/models/bad models/examples
