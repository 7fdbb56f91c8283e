#!/usr/bin/env bash
# Sets up and runs ContainerLab on this machine: installs the Debian packages, builds, starts containerlabd (the
# sandbox daemon, root) and ContainerLab.Web (as the unprivileged user `containerlab`, in the socket's group), and
# prints the URL. Ctrl-C stops both; the daemon then removes its sandboxes.
#   sudo scripts/run.sh [--listen http://127.0.0.1:8080] [daemon options: --state-dir DIR --runtime auto|crun|runc ...]
set -euo pipefail
cd "$(dirname "$0")/.."
listen=http://127.0.0.1:8080
daemon_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) listen="$2"; shift 2 ;;
    --listen=*) listen="${1#--listen=}"; shift ;;
    *) daemon_args+=("$1"); shift ;;
  esac
done
socket=/run/containerlab/containerlabd.sock
for ((i = 0; i < ${#daemon_args[@]}; i++)); do [ "${daemon_args[$i]}" = "--socket" ] && socket="${daemon_args[$((i + 1))]}"; done

scripts/install-deps.sh
scripts/build.sh
# The web runs unprivileged: a system user in the group that may use the daemon's socket.
id containerlab >/dev/null 2>&1 || useradd --system --gid containerlab --no-create-home --shell /usr/sbin/nologin containerlab
# Its one writable place: the SQLite file of lab progress. Labs are read live from the repository's labs/.
data=${ContainerLab__DataDirectory:-/var/lib/containerlab-web}
install -d -o containerlab -g containerlab -m 0750 "$data"
export ContainerLab__DataDirectory="$data" ContainerLab__LabsDirectory="${ContainerLab__LabsDirectory:-$PWD/labs}"

dotnet src/ContainerLab.Daemon/bin/Release/net10.0/containerlabd.dll --socket "$socket" "${daemon_args[@]}" &
daemon=$!
trap 'kill $web $daemon 2>/dev/null; wait' EXIT INT TERM
for _ in $(seq 1 300); do [ -S "$socket" ] && break; kill -0 $daemon 2>/dev/null || exit 1; sleep 0.1; done

# The web reads its settings from ContainerLab__* variables (e.g. ContainerLab__MaxSessions=30).
setpriv --reuid=containerlab --regid=containerlab --init-groups --reset-env -- \
  env HOME=/tmp DOTNET_CLI_HOME=/tmp PATH="$PATH" CONTAINERLAB_SOCKET="$socket" \
  $(env | grep -E '^ContainerLab__' || true) \
  dotnet src/ContainerLab.Web/bin/Release/net10.0/ContainerLab.Web.dll --contentRoot "$PWD/src/ContainerLab.Web/bin/Release/net10.0" --urls "$listen" &
web=$!
echo
echo "ContainerLab is starting: open $listen in a browser (the daemon's socket is $socket)."
echo "Command line: sudo CONTAINERLAB_SOCKET=$socket ./clabctl run -it busybox"
wait -n $daemon $web
