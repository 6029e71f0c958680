#!/usr/bin/env bash
# Installs and builds offerkit in its own checkout (OFFERKIT_HOME, default: the checkout holding this script),
# once: a later step of the same job, or a cached checkout, finds it built and skips the work.
# Used by the GitHub Action (action.yml) and the Azure Pipelines recipe (docs/ci/azure-pipelines.yml).
set -euo pipefail
home="${OFFERKIT_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cd "$home"
if [ ! -f build/src/ci/run-in-ci.js ] || [ ! -f build/src/cli/main.cjs ] || [ package-lock.json -nt build/src/cli/main.cjs ]; then
  npm ci --no-audit --no-fund --loglevel=error
  if [ ! -f build/src/ci/run-in-ci.js ]; then npm run build --silent; fi
fi
echo "offerkit $(node build/src/cli/main.cjs --version) ready in ${home}"
