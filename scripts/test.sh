#!/usr/bin/env bash
# npm test: installs what is missing, starts the local servers on the test profile's ports and
# the Redis Cluster of the cluster profile (the multi-node gateway suite runs on both), runs the
# static checks (types, lint, import directions, formatting), then every test: unit, integration
# against the real servers, and browser tests in Chromium (the cluster failover test alone, last).
# Extra arguments go to vitest (`npm test -- storage/`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$HUBBUB_ROOT"

bash scripts/install.sh
bash scripts/services.sh up --profile test
bash scripts/services.sh up --profile cluster

log "static checks"
npm run --silent check
log "tests"
if [ $# -gt 0 ]; then
  npx vitest run "$@"
  exit 0
fi
# The Redis Cluster failover test kills a master of the cluster every cluster suite shares: run
# with the others, it cut their pub/sub short (a membership test's timeout never reached the
# other node). So it runs alone, after them.
FAILOVER_TEST=test/gateway/failover.test.ts
npx vitest run --exclude "$FAILOVER_TEST"
log "the Redis Cluster failover test, alone"
npx vitest run "$FAILOVER_TEST"
