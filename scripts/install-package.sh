#!/usr/bin/env bash
# Builds and installs the outagesim Python package (core + extension) from this checkout.
# The CMake build folder build/<wheel tag> persists, so a second run recompiles only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
if [ -e "$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')/EXTERNALLY-MANAGED" ]; then
  export PIP_BREAK_SYSTEM_PACKAGES=1
fi
"$PYTHON" -m pip install -q --no-build-isolation .
# pyenv only sees new console scripts after a rehash.
if command -v pyenv >/dev/null 2>&1; then pyenv rehash || true; fi
