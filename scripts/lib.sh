# Shared settings for the project's shell scripts: pinned server versions, cache paths and the
# loopback ports of each profile. Sourced, never run.
# shellcheck shell=bash

HUBBUB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HUBBUB_CACHE="${HUBBUB_CACHE:-$HOME/.cache/hubbub}"
HUBBUB_BIN="$HUBBUB_CACHE/bin"

# Exact pins. Why these: docs/operations.md#pinned-servers.
FERRETDB_MODULE="github.com/FerretDB/FerretDB"
FERRETDB_VERSION="v1.24.0"
LIVEKIT_MODULE="github.com/livekit/livekit-server"
LIVEKIT_VERSION="v1.13.5"
# SeaweedFS, the S3-compatible server of the tests: the pseudo-version the module proxy serves.
SEAWEEDFS_MODULE="github.com/seaweedfs/seaweedfs"
SEAWEEDFS_VERSION="v0.0.0-20261109003541-7506e5f91cd6"

FERRETDB_BIN="$HUBBUB_BIN/ferretdb-$FERRETDB_VERSION"
LIVEKIT_BIN="$HUBBUB_BIN/livekit-server-$LIVEKIT_VERSION"
SEAWEEDFS_BIN="$HUBBUB_BIN/weed-$SEAWEEDFS_VERSION"
# The local S3 server's one identity (local development and tests only; test/support/s3.ts).
SEAWEEDFS_ACCESS_KEY="hubbub-local"
SEAWEEDFS_SECRET_KEY="hubbub-local-secret"

# profile_ports PROFILE: sets the loopback ports of one profile from config/ports.json (the one
# place they are written). dev is what `npm start` uses, test what `npm test` uses; both differ
# from the servers' defaults so they never meet a system instance.
# The cluster profile is only a Redis Cluster: CLUSTER_PORTS lists its six nodes.
profile_ports() {
  case "$1" in
    dev | test) ;;
    cluster)
      read -r -a CLUSTER_PORTS <<<"$(node -e 'console.log(require(process.argv[1]).cluster.redisNodes.join(" "))' \
        "$HUBBUB_ROOT/config/ports.json")"
      DATA_DIR="$HUBBUB_ROOT/.data/cluster"
      return 0 ;;
    *) echo "unknown profile '$1' (dev, test or cluster)" >&2; return 2 ;;
  esac
  eval "$(node -e '
    const p = require(process.argv[1])[process.argv[2]];
    console.log(`REDIS_PORT=${p.redis} MONGO_PORT=${p.mongodb} FERRET_DEBUG_PORT=${p.ferretdbDebug} PG_PORT=${p.postgres}`);
    console.log(`LIVEKIT_PORT=${p.livekit} LIVEKIT_RTC_TCP_PORT=${p.livekitRtcTcp} LIVEKIT_RTC_UDP_PORT=${p.livekitRtcUdp} HUB_PORT_DEFAULT=${p.hub}`);
    console.log(`SEAWEED_MASTER_PORT=${p.seaweedMaster} SEAWEED_VOLUME_PORT=${p.seaweedVolume} SEAWEED_FILER_PORT=${p.seaweedFiler} S3_PORT=${p.s3}`);
  ' "$HUBBUB_ROOT/config/ports.json" "$1")"
  DATA_DIR="$HUBBUB_ROOT/.data/$1"
}

# Debian's PostgreSQL server programs (package postgresql): the newest major installed.
postgres_bin_dir() {
  local dir
  dir="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/postgres" ] && echo "$dir"
}

log() { printf '\033[2m[hubbub]\033[0m %s\n' "$*" >&2; }

# with_progress LABEL COMMAND...: runs COMMAND, saying every 15 s that LABEL still runs (a silent
# npm install or Go build otherwise looks like a hang). Returns COMMAND's status.
with_progress() {
  local label="$1" started="$SECONDS" pid status=0 next=15
  shift
  log "$label"
  "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ $((SECONDS - started)) -ge "$next" ]; then
      log "$label: still running ($((SECONDS - started)) s)"
      next=$((next + 15))
    fi
  done
  wait "$pid" || status=$?
  return "$status"
}
