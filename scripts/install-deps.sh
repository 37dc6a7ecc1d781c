#!/usr/bin/env bash
# Installs what outagesim needs (Debian packages, Python build and test tools), only what is missing.
# Safe to run any number of times; used by scripts/setup.sh and scripts/test.sh.
set -euo pipefail

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(
  g++ make
  libboost-graph-dev libeigen3-dev nlohmann-json3-dev catch2 libvalijson-dev libbdd-dev
  graphviz scram clang-format
  clang libclang-rt-dev ccache
)
# The report's browser test (tests/python/report/test_report_browser.py) opens the page in a real
# headless Chromium through the system chromedriver: needed by the test stage only.
if [ "${1:-}" = "--test" ]; then
  APT_PACKAGES+=(chromium chromium-driver)
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  missing+=(python3 python3-dev python3-pip python3-venv)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# A Debian-managed interpreter needs its headers and pip from apt, and pip's consent to install.
if [ -e "$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')/EXTERNALLY-MANAGED" ]; then
  export PIP_BREAK_SYSTEM_PACKAGES=1
fi
if ! "$PYTHON" -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
  echo "install-deps: apt-get install python3-dev"
  as_root apt-get update -q && as_root apt-get install -y -q --no-install-recommends python3-dev
fi
if ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
  as_root apt-get update -q && as_root apt-get install -y -q --no-install-recommends python3-pip
fi

# Python tools: the build backend (for incremental --no-build-isolation builds), CMake if the
# machine has none, and the test tools (simpy: the peer of bench/bench_simpy.py). pip skips what
# is already satisfied.
python_missing=()
"$PYTHON" -c 'import scikit_build_core' 2>/dev/null || python_missing+=("scikit-build-core>=0.8")
"$PYTHON" -c 'import pybind11' 2>/dev/null || python_missing+=("pybind11>=2.11")
command -v cmake >/dev/null 2>&1 || python_missing+=("cmake>=3.20")
command -v ninja >/dev/null 2>&1 || python_missing+=("ninja")
# The HCL2 parser behind `outagesim import terraform DIR` (a directory of .tf files).
"$PYTHON" -c 'import hcl2' 2>/dev/null || python_missing+=("python-hcl2")
if [ "${1:-}" = "--test" ]; then
  for module in pytest jsonschema nbclient nbformat ipykernel networkx distributed pyarrow pybind11_stubgen mypy simpy selenium; do
    "$PYTHON" -c "import $module" 2>/dev/null || python_missing+=("$module")
  done
  "$PYTHON" -m ruff --version >/dev/null 2>&1 || python_missing+=("ruff")
fi
if [ "${#python_missing[@]}" -gt 0 ]; then
  echo "install-deps: pip install ${python_missing[*]}"
  "$PYTHON" -m pip install -q "${python_missing[@]}"
fi
