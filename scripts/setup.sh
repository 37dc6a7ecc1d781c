#!/usr/bin/env bash
# Set-up command 1: installs everything, then runs the main job on the bundled example models
# (validate them, show each resolved architecture, evaluate each). Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
MAX_TIME=${OUTAGESIM_MAX_TIME:-15s}
started=$(date +%s)

echo "== installing dependencies"
bash scripts/install-deps.sh
echo "== building and installing the outagesim package (first time: several minutes)"
bash scripts/install-package.sh

# The console script, wherever pip put it (also when it is not on PATH yet).
OUTAGESIM="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/outagesim"
[ -x "$OUTAGESIM" ] || OUTAGESIM="$PYTHON -m outagesim"

shopt -s nullglob
models=(models/examples/*.json models/examples/*.yaml models/examples/*.yml)
if [ "${#models[@]}" -eq 0 ]; then
  echo "no example models in models/examples" >&2
  exit 1
fi

echo
echo "== outagesim validate models/examples/*"
$OUTAGESIM validate "${models[@]}"

for model in "${models[@]}"; do
  echo
  echo "== outagesim show $model"
  $OUTAGESIM show "$model"
done

for model in "${models[@]}"; do
  echo
  echo "== outagesim evaluate $model --max-time $MAX_TIME"
  $OUTAGESIM evaluate "$model" --max-time "$MAX_TIME"
done

echo
echo "== done in $(( $(date +%s) - started ))s"
