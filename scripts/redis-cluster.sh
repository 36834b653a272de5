# The `cluster` profile of services.sh: a Redis Cluster of 3 masters and 3 replicas from the
# system's redis-server, on the loopback ports of config/ports.json (cluster.redisNodes), data
# under .data/cluster/<port>. Sourced by services.sh after its helpers (spawn, pid_of, port_open).
# shellcheck shell=bash

# A master that stops answering for this long is failed over to its replica (docs/operations.md).
CLUSTER_NODE_TIMEOUT_MS=2000

cluster_cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}"; }
cluster_state() { cluster_cli "$1" CLUSTER INFO 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_state://p'; }
cluster_known() { cluster_cli "$1" CLUSTER INFO 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_known_nodes://p'; }

# Starts every node that is not running, creates the cluster when its nodes do not form one yet,
# and waits until every node reports cluster_state:ok. Idempotent.
cluster_up() {
  local port nodes=() i
  for port in "${CLUSTER_PORTS[@]}"; do
    mkdir -p "$DATA_DIR/$port"
    # require-full-coverage no: while a dead master's replica takes over, only its slots stall.
    spawn "redis-$port" "$port" redis-server --port "$port" --bind 127.0.0.1 --dir "$DATA_DIR/$port" \
      --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-node-timeout "$CLUSTER_NODE_TIMEOUT_MS" --cluster-require-full-coverage no \
      --save "" --appendonly no --daemonize no
    nodes+=("127.0.0.1:$port")
  done
  if [ "$(cluster_known "${CLUSTER_PORTS[0]}")" != "${#CLUSTER_PORTS[@]}" ]; then
    log "redis cluster: creating (3 masters, 3 replicas)"
    for port in "${CLUSTER_PORTS[@]}"; do
      cluster_cli "$port" FLUSHALL >/dev/null
      cluster_cli "$port" CLUSTER RESET HARD >/dev/null
    done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >>"$DATA_DIR/logs/create.log" 2>&1 || {
      echo "services.sh: redis --cluster create failed; see $DATA_DIR/logs/create.log" >&2; return 1
    }
  fi
  for ((i = 0; i < 300; i++)); do
    cluster_all_ok && { log "redis cluster ok on ${nodes[*]}"; return 0; }
    sleep 0.1
  done
  echo "services.sh: the redis cluster did not reach cluster_state:ok within 30 s" >&2
  return 1
}

cluster_all_ok() {
  local port
  for port in "${CLUSTER_PORTS[@]}"; do [ "$(cluster_state "$port")" = ok ] || return 1; done
}

cluster_down() {
  local port pid i
  for port in "${CLUSTER_PORTS[@]}"; do
    pid="$(pid_of "redis-$port")" || continue
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$DATA_DIR/run/redis-$port.pid"
  done
  log "redis cluster stopped"
}

cluster_status() {
  local port pid role
  for port in "${CLUSTER_PORTS[@]}"; do
    if pid="$(pid_of "redis-$port")" && port_open "$port"; then
      role="$(cluster_cli "$port" ROLE 2>/dev/null | head -n 1)"
      printf '%-11s up    127.0.0.1:%-5s pid %-8s %-7s cluster_state:%s\n' "redis-$port" "$port" "$pid" \
        "$role" "$(cluster_state "$port")"
    else
      printf '%-11s down  127.0.0.1:%s\n' "redis-$port" "$port"
    fi
  done
}
