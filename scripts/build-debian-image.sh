#!/usr/bin/env bash
# Builds the `debian` image: a minbase Debian 12 (bookworm) root filesystem made by mmdebstrap (~20 s, ~170 MB),
# cached as a tar, then imported into a running containerlabd as a one-layer image named "debian".
#   sudo scripts/build-debian-image.sh            # build (if not cached) and import
#   sudo scripts/build-debian-image.sh --tar-only # only build the cached tar (used by the tests)
set -euo pipefail
cd "$(dirname "$0")/.."
tar="${CONTAINERLAB_DEBIAN_TAR:-/var/cache/containerlab/debian-bookworm.tar}"

if [ ! -s "$tar" ]; then
  mkdir -p "$(dirname "$tar")"
  echo "build-debian-image.sh: mmdebstrap --variant=minbase bookworm -> $tar"
  # --skip=output/dev: no device nodes in the tar (the importer refuses them; the runtime provides /dev).
  # mmdebstrap prints a line per phase (I: ...): the download and install take a minute or more.
  mmdebstrap --variant=minbase --skip=output/dev --include=procps,iproute2,iputils-ping bookworm "${tar%.tar}.partial.tar"
  mv "${tar%.tar}.partial.tar" "$tar"
fi
[ "${1:-}" = "--tar-only" ] && exit 0
./clabctl images import --name debian --format rootfs "$tar"
