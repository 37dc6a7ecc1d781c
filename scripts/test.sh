#!/usr/bin/env bash
# Set-up command 2: installs what is missing, builds the C++ core and its Catch2 tests (ctest),
# runs them again under ASan+UBSan (build/asan), fuzzes the model loader for a minute
# (build/fuzz), installs the Python package, and runs pytest. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
JOBS=${JOBS:-2}
started=$(date +%s)

echo "== installing dependencies"
bash scripts/install-deps.sh --test

echo "== building the C++ core and tests (build/cpp)"
cmake -S . -B build/cpp -DCMAKE_BUILD_TYPE=Release -DOUTAGESIM_BUILD_TESTS=ON \
  -DOUTAGESIM_BUILD_BENCH=ON -DOUTAGESIM_BUILD_PYTHON=OFF
cmake --build build/cpp -j"$JOBS"

status=0
echo "== ctest"
ctest --test-dir build/cpp --output-on-failure -j"$JOBS" || status=1

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer: any report fails its test.
# Debug with -O1 keeps the run within a few minutes (docs/limits.md has the measured figures).
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
echo "== ctest under ASan+UBSan (build/asan)"
asan_started=$(date +%s)
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
  -DOUTAGESIM_SANITIZE=ON -DOUTAGESIM_BUILD_TESTS=ON -DOUTAGESIM_BUILD_BENCH=OFF \
  -DOUTAGESIM_BUILD_PYTHON=OFF "${launcher[@]}"
cmake --build build/asan -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j"$JOBS" || status=1
echo "== ASan+UBSan stage took $(( $(date +%s) - asan_started ))s"

echo "== fuzzing the model loader for 60 s (build/fuzz; the long run is scripts/fuzz.sh)"
bash scripts/fuzz.sh 60 || status=1

echo "== installing the Python package"
CMAKE_BUILD_PARALLEL_LEVEL=$JOBS bash scripts/install-package.sh

echo "== ruff (the Python package)"
"$PYTHON" -m ruff check python tests/python && "$PYTHON" -m ruff format --check python tests/python || status=1

echo "== mypy (the Python package, with the generated stubs of _core)"
"$PYTHON" -m mypy || status=1

echo "== clang-format (the C++ sources)"
git ls-files 'core/*.cpp' 'core/*.h' 'python/src/*.cpp' 'python/src/*.h' 'bench/*.cpp' \
  'tests/cpp/*.cpp' 'tests/cpp/*.h' 'tests/fuzz/*.cpp' 'tests/fuzz/*.h' | xargs clang-format --dry-run --Werror || status=1

echo "== pytest"
"$PYTHON" -m pytest tests/python -q || status=1

echo "== test.sh finished in $(( $(date +%s) - started ))s: $([ "$status" -eq 0 ] && echo OK || echo FAILED)"
exit "$status"
