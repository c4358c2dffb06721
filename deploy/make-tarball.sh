#!/usr/bin/env bash
# Packs what a kiosk runs, from this built checkout, into a tarball for install.sh --tarball:
#   deploy/make-tarball.sh linli-0.1.0-node20-amd64.tar.gz
# The native modules (better-sqlite3, serialport, node-hid) are the ones built here: install
# the tarball on kiosks with the same CPU architecture and Node.js major version.
set -euo pipefail

out=$(realpath -m "${1:?usage: make-tarball.sh OUT.tar[.gz]}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node "$here/stage-app.mjs" "$(dirname "$here")" "$work/linli"
case $out in
*.gz) compress=(--gzip) ;;
*) compress=() ;;
esac
# Fixed owner and order, so the same checkout packs to the same bytes.
tar --create "${compress[@]}" --file "$out" --directory "$work" \
  --owner=0 --group=0 --numeric-owner --sort=name linli
echo "make-tarball: $out"
