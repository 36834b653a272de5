#!/usr/bin/env bash
# build-go-server.sh MODULE VERSION PACKAGE OUTPUT
# Builds one pinned Go server into the cache. `go install MODULE/PACKAGE@VERSION` does not work
# for our two servers: LiveKit's go.mod has replace directives (which `go install pkg@v` refuses)
# and the module proxy here refuses FerretDB's version list (which `go install` reads for
# deprecation notices). So: download the exact module version, build it as the main module.
set -euo pipefail
module="$1" version="$2" package="$3" output="$4"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="$(go mod download -json "$module@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
[ -n "$dir" ] || { echo "go mod download $module@$version gave no directory" >&2; exit 1; }
cp -r "$dir/." "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"
# FerretDB reads its own version from a file that its release tooling writes; the module zip
# leaves it out, and the binary panics at start without it.
if [ -d build/version ] && [ ! -s build/version/version.txt ]; then echo "$version" > build/version/version.txt; fi
mkdir -p "$(dirname "$output")"
go build -trimpath -o "$output.tmp" "./$package"
mv "$output.tmp" "$output"
