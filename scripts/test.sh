#!/usr/bin/env bash
# Set-up command 2: installs what is missing, builds the C++ core and its Catch2 tests (ctest),
# installs the Python package, and runs pytest. Exits non-zero if anything fails.
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

echo "== installing the Python package"
CMAKE_BUILD_PARALLEL_LEVEL=$JOBS bash scripts/install-package.sh

echo "== ruff (the Python package)"
"$PYTHON" -m ruff check python && "$PYTHON" -m ruff format --check python || status=1

echo "== clang-format (the C++ sources)"
git ls-files 'core/*.cpp' 'core/*.h' 'python/src/*.cpp' 'python/src/*.h' 'bench/*.cpp' \
  'tests/cpp/*.cpp' 'tests/cpp/*.h' | xargs clang-format --dry-run --Werror || status=1

echo "== pytest"
"$PYTHON" -m pytest tests/python -q || status=1

echo "== test.sh finished in $(( $(date +%s) - started ))s: $([ "$status" -eq 0 ] && echo OK || echo FAILED)"
exit "$status"
