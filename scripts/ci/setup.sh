#!/usr/bin/env bash
# Installs and builds offerkit in its own checkout (OFFERKIT_HOME, default: the checkout holding this script),
# once: a later step of the same job, or a cached checkout, finds it built and skips the work.
# Used by the GitHub Action (action.yml) and the Azure Pipelines recipe (docs/ci/azure-pipelines.yml).
#
# Whether node_modules is what package-lock.json asks for is decided by content, never by file times: after an
# install this script records the lockfile's SHA-256 in node_modules, and installs again only when node_modules
# is missing or was installed here for another lockfile. (A file-time test reinstalled a developer's checkout in
# the middle of its own test run once a git checkout had touched the lockfile.)
set -euo pipefail
home="${OFFERKIT_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
cd "$home"
stamp=node_modules/.offerkit-lockfile.sha256
lock="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -d node_modules ] || { [ -f "$stamp" ] && [ "$(cat "$stamp")" != "$lock" ]; }; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock" > "$stamp"
fi
if [ ! -f build/src/ci/run-in-ci.js ] || [ ! -f build/src/cli/main.cjs ]; then npm run build --silent; fi
echo "offerkit $(node build/src/cli/main.cjs --version) ready in ${home}"
