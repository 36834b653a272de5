#!/usr/bin/env bash
# npm start: installs what is missing, starts the local servers (dev profile), the Chatwoot
# contract double (unless HUB_CHATWOOT_BASE_URL names a real Chatwoot), a worker and a hub node,
# and prints the demo page's URL once the hub is ready (scripts/run-hub.sh). One Ctrl-C stops
# the hub, the worker and the double gracefully (they drain); the servers keep running
# (`npm run services -- down` stops them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$HUBBUB_ROOT"

bash scripts/install.sh
# Local development: the demo page, its persona tokens and the built-in development secrets.
export HUB_DEMO_ENABLED="${HUB_DEMO_ENABLED:-true}"
bash scripts/services.sh up --profile dev
profile_ports dev
port="${HUB_SERVER_PORT:-$HUB_PORT_DEFAULT}"
url="http://127.0.0.1:$port"

if curl -fsS -o /dev/null "$url/healthz" 2>/dev/null; then
  echo "A hub already answers at $url: demo at $url/demo/" >&2
  exit 0
fi

log "seeding the demo communities (idempotent)"
node bin/hub.mjs seed >/dev/null

# The support inbox: a real Chatwoot when HUB_CHATWOOT_BASE_URL is set; otherwise Chatwoot's
# contract double as a local stand-in (development only, state in .data/dev/), which also
# seeds the demo member's support conversation once the hub is ready.
if [[ -z "${HUB_CHATWOOT_BASE_URL:-}" ]]; then
  chatwoot_port="$(node -p 'require("./config/ports.json").dev.chatwootDouble')"
  export HUB_CHATWOOT_BASE_URL="http://127.0.0.1:$chatwoot_port"
  export HUB_CHATWOOT_API_ACCESS_TOKEN="dev-chatwoot-double-access-token"
  export HUB_CHATWOOT_HMAC_TOKEN="dev-chatwoot-double-hmac-token"
  export HUB_CHATWOOT_WEBHOOK_SECRET="dev-chatwoot-double-webhook-secret"
  export HUB_INBOX_AGENT_USERS="${HUB_INBOX_AGENT_USERS:-1=demo-agent}"
  export HUBBUB_CHATWOOT_DOUBLE="$chatwoot_port:$DATA_DIR/chatwoot-double.json"
fi

# A quiet terminal: one log line per HTTP request only at debug level (HUB_LOG_REQUESTS), and
# the hub's and the worker's logs in files, the terminal showing their warnings and errors.
export HUB_LOG_REQUESTS="${HUB_LOG_REQUESTS:-debug}"
export HUBBUB_LOG_DIR="${HUBBUB_LOG_DIR:-$DATA_DIR/logs}"
export HUB_SERVER_PORT="$port"
# The worker, the hub (and the double) until Ctrl-C, which stops them gracefully.
exec bash scripts/run-hub.sh
