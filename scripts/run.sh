#!/usr/bin/env bash
# Sets up and runs ContainerLab on this machine: installs the Debian packages, builds, and starts containerlabd
# (the sandbox daemon) in the foreground on its default socket and state dir. Ctrl-C stops it and removes its sandboxes.
#   sudo scripts/run.sh [--socket PATH] [--state-dir DIR] [--runtime auto|crun|runc] ...
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
socket=/run/containerlab/containerlabd.sock
for ((i = 1; i <= $#; i++)); do [ "${!i}" = "--socket" ] && { j=$((i + 1)); socket="${!j}"; }; done
echo "containerlabd: starting; in another shell try:"
echo "  sudo CONTAINERLAB_SOCKET=$socket ./clabctl run busybox -- sh -c 'uname -r; hostname; ps'"
echo "  sudo CONTAINERLAB_SOCKET=$socket ./clabctl run -it busybox"
exec dotnet src/ContainerLab.Daemon/bin/Release/net10.0/containerlabd.dll "$@"
