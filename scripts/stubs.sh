#!/usr/bin/env bash
# Regenerates python/outagesim/_core.pyi, the type stubs of the compiled module, from the
# installed module (pybind11-stubgen); run after changing python/src/ and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$PYTHON" -m pybind11_stubgen outagesim._core -o "$out"
cp "$out/outagesim/_core.pyi" python/outagesim/_core.pyi
"$PYTHON" -m ruff check -q --fix python/outagesim/_core.pyi
"$PYTHON" -m ruff format -q python/outagesim/_core.pyi
echo "stubs.sh: wrote python/outagesim/_core.pyi"
