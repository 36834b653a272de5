#!/usr/bin/env bash
# npm test: installs what is missing, starts the local servers on the test profile's ports and
# the Redis Cluster of the cluster profile (the multi-node gateway suite runs on both), runs the
# static checks (types, lint, import directions, formatting), then every test: unit, integration
# against the real servers, and browser tests in Chromium. Extra arguments go to vitest
# (`npm test -- storage/`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$HUBBUB_ROOT"

bash scripts/install.sh
bash scripts/services.sh up --profile test
bash scripts/services.sh up --profile cluster

log "static checks"
npm run --silent check
log "tests"
npx vitest run "$@"
