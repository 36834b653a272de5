#!/usr/bin/env bash
# install.sh: installs whatever this machine is missing, and nothing it already has.
#   npm packages (from the lockfile), Debian packages (redis-server, chromium and its emoji font
#   fonts-noto-color-emoji, postgresql), and the three
#   pinned Go servers (FerretDB, LiveKit, SeaweedFS) built once into ~/.cache/hubbub/bin.
# A server whose HUB_*_URL points elsewhere is yours to run, so it is not installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$HUBBUB_ROOT"

# npm: `npm ci` fails on optional msgpackr binaries missing from the registry, so install from
# the lockfile with `npm install`, and only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  with_progress "npm install (from the lockfile)" \
    env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_wanted=()
[ -n "${HUB_REDIS_URL:-}" ] || command -v redis-server >/dev/null || apt_wanted+=(redis-server)
[ -x /usr/bin/chromium ] || apt_wanted+=(chromium)
[ -n "${HUB_MONGODB_URL:-}" ] || postgres_bin_dir >/dev/null || apt_wanted+=(postgresql)
# The emoji font <hub-chat>'s emoji picker and messages are drawn with in the tests' Chromium.
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || apt_wanted+=(fonts-noto-color-emoji)
if [ ${#apt_wanted[@]} -gt 0 ]; then
  log "apt-get install ${apt_wanted[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_wanted[@]}" >/dev/null
fi

build() { # build NAME MODULE VERSION PACKAGE OUTPUT
  local name="$1"; shift
  [ -x "${4}" ] && return 0
  command -v go >/dev/null || { echo "install.sh: Go is needed to build $name (or set its HUB_*_URL)" >&2; exit 1; }
  with_progress "building $name $2 (once per machine, cached in $HUBBUB_BIN)" \
    bash "$HUBBUB_ROOT/scripts/build-go-server.sh" "$@"
}
[ -n "${HUB_MONGODB_URL:-}" ] || build FerretDB "$FERRETDB_MODULE" "$FERRETDB_VERSION" cmd/ferretdb "$FERRETDB_BIN"
[ -n "${HUB_LIVEKIT_URL:-}" ] || build LiveKit "$LIVEKIT_MODULE" "$LIVEKIT_VERSION" cmd/server "$LIVEKIT_BIN"
[ -n "${HUB_S3_ENDPOINT:-}" ] || build SeaweedFS "$SEAWEEDFS_MODULE" "$SEAWEEDFS_VERSION" weed "$SEAWEEDFS_BIN"

# The widgets' ES modules (web-components/dist, served under /widgets/): rebuilt only when their
# sources or the lockfile changed (web-components/build.ts keeps a hash of them).
with_progress "widgets (rebuilt only when their sources changed)" node --import tsx web-components/build.ts
