#!/usr/bin/env bash
# run-hub.sh: runs a worker and a hub node (and the Chatwoot contract double when asked) until
# Ctrl-C, for `npm start` (scripts/start.sh). Prints the ready banner once the hub's /readyz
# answers. One Ctrl-C stops everything gracefully: each child starts in a process group of its
# own (job control, `set -m`, on just for the start), so the terminal's SIGINT reaches this
# script alone, which sends each child one SIGTERM and waits while they drain (the hub bounds
# that by HUB_SHUTDOWN_TIMEOUT_MS). In the terminal's group they would get the terminal's SIGINT
# and then this script's SIGTERM: a second signal, on which they exit without draining.
# Exits 0 when every child stopped cleanly, else the first failing child's status.
#   HUB_* variables configure the hub and the worker (docs/configuration.md);
#   HUBBUB_CHATWOOT_DOUBLE=PORT:STATE_FILE also runs the Chatwoot double (development only).
#   HUBBUB_LOG_DIR=DIR writes each child's output to DIR/NAME.log (emptied at start) and shows
#   in the terminal only warnings, errors and plain output (scripts/dev-log-view.ts), so the
#   ready banner stays the last line while all is well. Unset, the children write to the terminal.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$HUBBUB_ROOT"

url="http://127.0.0.1:${HUB_SERVER_PORT:-8090}"
pids=()
names=()
logs=()
viewer=""
[ -n "${HUBBUB_LOG_DIR:-}" ] && mkdir -p "$HUBBUB_LOG_DIR"
run() { # run NAME COMMAND...: in the background, in a process group of its own
  local name="$1"
  shift
  # Job control only while forking: the child gets its own group; the script's own foreground
  # commands (curl, sleep) stay in the terminal's group, so the terminal is never handed over.
  set -m
  if [ -n "${HUBBUB_LOG_DIR:-}" ]; then
    logs+=("$HUBBUB_LOG_DIR/$name.log")
    "$@" >"$HUBBUB_LOG_DIR/$name.log" 2>&1 &
  else
    "$@" &
  fi
  set +m
  pids+=("$!")
  names+=("$name")
}

stopping=""
stop() { # stop [STATUS]: one SIGTERM each, then wait for all; exits with the first failure
  [ -n "$stopping" ] && return 0
  stopping=1
  # Further Ctrl-Cs (npm forwards the terminal's too) must not turn into second signals.
  trap '' INT TERM
  local status="${1:-0}" i code
  log "stopping: ${names[*]} (draining)"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for i in "${!pids[@]}"; do
    code=0
    wait "${pids[$i]}" 2>/dev/null || code=$?
    # 127: already reaped (the child whose exit started the stop).
    if [ "$code" != 0 ] && [ "$code" != 127 ]; then
      log "${names[$i]} exited with status $code"
      [ "$status" = 0 ] && status="$code"
    fi
  done
  if [ -n "$viewer" ]; then # the children's last lines, then the viewer ends
    kill -TERM "$viewer" 2>/dev/null || true
    wait "$viewer" 2>/dev/null || true
  fi
  log "stopped"
  exit "$status"
}
trap 'stop 0' INT TERM

if [ -n "${HUBBUB_CHATWOOT_DOUBLE:-}" ]; then
  run chatwoot-double node --import tsx scripts/chatwoot-dev.ts --port "${HUBBUB_CHATWOOT_DOUBLE%%:*}" \
    --hub "$url" --state "${HUBBUB_CHATWOOT_DOUBLE#*:}"
fi
run worker node bin/hub.mjs worker
run hub node bin/hub.mjs serve
hub="${pids[-1]}"
if [ -n "${HUBBUB_LOG_DIR:-}" ]; then # not one of the children: it outlives them to show their last lines
  set -m
  node --import tsx scripts/dev-log-view.ts "${logs[@]}" &
  set +m
  viewer="$!"
fi

log "starting the hub and the worker"
ready=""
for _ in $(seq 1 300); do
  if curl -fsS -o /dev/null "$url/readyz" 2>/dev/null; then
    ready=1
    break
  fi
  kill -0 "$hub" 2>/dev/null || break
  sleep 0.2
done
if [ -z "$ready" ]; then
  log "the hub did not become ready"
  stop 1
fi
printf '\n  Hubbub is ready. Demo page: %s/demo/\n  (readiness: %s/readyz, metrics: %s/metrics; Ctrl-C stops)\n' \
  "$url" "$url" "$url" >&2
[ -z "${HUBBUB_LOG_DIR:-}" ] || printf '  Logs: %s/ (the terminal shows warnings and errors)\n' "$HUBBUB_LOG_DIR" >&2
printf '\n' >&2

# Until Ctrl-C, or until a child exits by itself: then stop the others.
code=0
wait -n "${pids[@]}" || code=$?
[ -n "$stopping" ] || { log "a process exited (status $code)"; stop "$([ "$code" = 0 ] && echo 1 || echo "$code")"; }
