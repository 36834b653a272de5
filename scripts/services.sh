#!/usr/bin/env bash
# services.sh up|down|status [--profile dev|test|cluster]
# Starts, stops or reports the local servers of one profile: Redis, FerretDB (MongoDB wire
# protocol) on a PostgreSQL server of its own, the LiveKit dev server and SeaweedFS (an
# S3-compatible server), on loopback ports, data under .data/<profile>.
# The cluster profile is a Redis Cluster of 3 masters and 3 replicas (scripts/redis-cluster.sh).
# `up` is idempotent: a server already answering is left alone. A server whose HUB_*_URL is set
# is yours, and is skipped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

action="${1:-status}"; shift || true
profile="dev"
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --profile=*) profile="${1#*=}"; shift ;;
    *) echo "services.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
profile_ports "$profile"
mkdir -p "$DATA_DIR/logs" "$DATA_DIR/run"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_of() { local f="$DATA_DIR/run/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
external() { # external NAME VAR: true when the user points this server elsewhere
  [ -n "${!2:-}" ] && { log "$1: using ${2}=${!2}, not starting a local one"; return 0; }; return 1
}

wait_port() { # wait_port NAME PORT SECONDS
  local i
  for ((i = 0; i < $3 * 10; i++)); do port_open "$2" && return 0; sleep 0.1; done
  echo "services.sh: $1 did not open port $2 within $3 s; see $DATA_DIR/logs/$1.log" >&2
  tail -n 20 "$DATA_DIR/logs/$1.log" >&2 || true
  return 1
}

spawn() { # spawn NAME PORT COMMAND...: runs COMMAND detached, records its pid
  local name="$1" port="$2"; shift 2
  if pid_of "$name" >/dev/null && port_open "$port"; then return 0; fi
  if port_open "$port"; then
    echo "services.sh: port $port is taken by a process that is not our $name" >&2; return 1
  fi
  setsid nohup "$@" >>"$DATA_DIR/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$DATA_DIR/run/$name.pid"
  wait_port "$name" "$port" 60
  log "$name up on 127.0.0.1:$port"
}

up() {
  external redis HUB_REDIS_URL || external redis HUB_REDIS_CLUSTER_NODES || {
    mkdir -p "$DATA_DIR/redis"
    spawn redis "$REDIS_PORT" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 \
      --dir "$DATA_DIR/redis" --save "" --appendonly no --daemonize no
  }
  external ferretdb HUB_MONGODB_URL || {
    postgres_up
    mkdir -p "$DATA_DIR/ferretdb/state"
    spawn ferretdb "$MONGO_PORT" "$FERRETDB_BIN" --handler=postgresql \
      --postgresql-url="postgres://hubbub@127.0.0.1:$PG_PORT/ferretdb" --state-dir="$DATA_DIR/ferretdb/state" \
      --listen-addr="127.0.0.1:$MONGO_PORT" --debug-addr="127.0.0.1:$FERRET_DEBUG_PORT" \
      --telemetry=disable --log-level=warn --log-format=json
  }
  external livekit HUB_LIVEKIT_URL || {
    # The dev server tells `npm start`'s hub (on HUB_SERVER_PORT, as scripts/start.sh runs it)
    # about rooms and participants (live-session status, telemetry, removals). Test hubs listen
    # on random ports: tests that need webhooks start a private LiveKit for their own hub.
    local webhook=""
    [ "$profile" = dev ] && webhook="webhook:
  api_key: devkey
  urls:
    - http://127.0.0.1:${HUB_SERVER_PORT:-$HUB_PORT_DEFAULT}/webhooks/livekit"
    spawn livekit "$LIVEKIT_PORT" "$LIVEKIT_BIN" --dev --bind 127.0.0.1 --config-body "
$webhook
port: $LIVEKIT_PORT
rtc:
  tcp_port: $LIVEKIT_RTC_TCP_PORT
  udp_port: $LIVEKIT_RTC_UDP_PORT
  node_ip: 127.0.0.1
  use_external_ip: false
keys:
  devkey: secret
logging:
  level: warn
"
  }
  external seaweedfs HUB_S3_ENDPOINT || seaweedfs_up
}

# PostgreSQL under FerretDB (its primary backend: query filters are pushed down and evaluated
# in PostgreSQL, where FerretDB's SQLite backend decodes a whole collection for every query). A cluster of its own
# per profile, trust on loopback only, no Unix socket. PostgreSQL refuses to run as root: as root
# it runs as Debian's `postgres` user, in a folder that user can reach.
postgres_up() {
  local bin dir
  bin="$(postgres_bin_dir)" || {
    echo "services.sh: PostgreSQL not found (scripts/install.sh installs Debian's postgresql)" >&2; return 1
  }
  if pid_of postgres >/dev/null && port_open "$PG_PORT"; then return 0; fi
  dir="$(postgres_dir)"
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    "${PG_AS[@]}" "$bin/initdb" -D "$dir" -U hubbub --auth=trust -E UTF8 --no-instructions \
      >>"$DATA_DIR/logs/postgres.log" 2>&1
  fi
  # The test profile's data is thrown away: no flushes to disk (as its Redis keeps none).
  local durability=()
  [ "$profile" = test ] && durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  spawn postgres "$PG_PORT" "${PG_AS[@]}" "$bin/postgres" -D "$dir" -p "$PG_PORT" \
    -c listen_addresses=127.0.0.1 -c unix_socket_directories= "${durability[@]}"
  "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U hubbub -d postgres -tAq \
    -c "SELECT 1 FROM pg_database WHERE datname = 'ferretdb'" | grep -q 1 ||
    "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U hubbub ferretdb
}

# The data folder: .data/<profile>/postgres, unless root runs this in a folder the postgres
# user cannot reach (a clone under /root): then one under /var/tmp, named after the profile's.
postgres_dir() {
  local dir="$DATA_DIR/postgres"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$dir"
    if ! runuser -u postgres -- test -x "$dir"; then
      dir="/var/tmp/hubbub-postgres-$(printf '%s' "$DATA_DIR" | md5sum | cut -c1-12)"
    fi
  fi
  echo "$dir"
}
if [ "$(id -u)" = 0 ]; then PG_AS=(runuser -u postgres --); else PG_AS=(); fi

postgres_down() {
  local bin dir
  pid_of postgres >/dev/null || return 0
  bin="$(postgres_bin_dir)" && dir="$(postgres_dir)" &&
    "${PG_AS[@]}" "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

# SeaweedFS: master, volume, filer and S3 gateway in one process, each gRPC port at its HTTP
# port + 10000, the S3 gateway's one identity from a generated config (never the defaults:
# without a config SeaweedFS's S3 accepts anonymous requests).
seaweedfs_up() {
  local dir="$DATA_DIR/seaweedfs"
  mkdir -p "$dir/data"
  cat >"$dir/s3.json" <<JSON
{"identities": [{"name": "hubbub", "credentials": [{"accessKey": "$SEAWEEDFS_ACCESS_KEY", "secretKey": "$SEAWEEDFS_SECRET_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
  spawn seaweedfs "$S3_PORT" "$SEAWEEDFS_BIN" server -s3 -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$dir/data" \
    -master.port="$SEAWEED_MASTER_PORT" -master.port.grpc=$((SEAWEED_MASTER_PORT + 10000)) \
    -volume.port="$SEAWEED_VOLUME_PORT" -volume.port.grpc=$((SEAWEED_VOLUME_PORT + 10000)) \
    -filer.port="$SEAWEED_FILER_PORT" -filer.port.grpc=$((SEAWEED_FILER_PORT + 10000)) \
    -s3.port="$S3_PORT" -s3.port.grpc=$((S3_PORT + 10000)) -s3.port.iceberg=0 -s3.port.lance=0 \
    -s3.config="$dir/s3.json" -master.volumeSizeLimitMB=64 -volume.max=0
}

down() {
  local name pid i
  for name in seaweedfs livekit ferretdb postgres redis; do
    [ "$name" = postgres ] && postgres_down
    pid="$(pid_of "$name")" || continue
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$DATA_DIR/run/$name.pid"
    log "$name stopped"
  done
}

status() {
  local name port pid
  for name in redis:$REDIS_PORT postgres:$PG_PORT ferretdb:$MONGO_PORT livekit:$LIVEKIT_PORT seaweedfs:$S3_PORT; do
    port="${name#*:}" name="${name%%:*}"
    if pid="$(pid_of "$name")" && port_open "$port"; then
      printf '%-9s up    127.0.0.1:%-5s pid %s\n' "$name" "$port" "$pid"
    else
      printf '%-9s down  127.0.0.1:%s\n' "$name" "$port"
    fi
  done
}

if [ "$profile" = cluster ]; then
  source "$(dirname "${BASH_SOURCE[0]}")/redis-cluster.sh"
  up() { external "redis cluster" HUB_REDIS_CLUSTER_NODES || cluster_up; }
  down() { cluster_down; }
  status() { cluster_status; }
fi

case "$action" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: services.sh up|down|status [--profile dev|test|cluster]" >&2; exit 2 ;;
esac
