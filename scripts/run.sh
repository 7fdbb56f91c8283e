#!/usr/bin/env bash
# Sets up and runs ContainerLab on this machine: installs the Debian packages, builds, starts containerlabd (the
# sandbox daemon, root), makes the images the labs need, starts ContainerLab.Web (as the unprivileged user
# `containerlab`, in the socket's group), and prints the URL. Ctrl-C stops both; the daemon then removes its sandboxes.
#   sudo scripts/run.sh [--listen http://127.0.0.1:8080] [daemon options: --socket PATH --state-dir DIR --runtime auto|crun|runc ...]
# For a server that starts ContainerLab at boot, see scripts/install-systemd.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/phases.sh
. scripts/lib/lab-images.sh
. scripts/lib/web-user.sh
listen=http://127.0.0.1:8080
socket=/run/containerlab/containerlabd.sock
daemon_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --listen) listen="$2"; shift 2 ;;
    --listen=*) listen="${1#--listen=}"; shift ;;
    # Kept out of daemon_args: the socket is passed once, below, and also given to the web and clabctl.
    --socket) socket="$2"; shift 2 ;;
    --socket=*) socket="${1#--socket=}"; shift ;;
    *) daemon_args+=("$1"); shift ;;
  esac
done
export CONTAINERLAB_SOCKET="$socket"

phase "Debian packages (apt-get)" scripts/install-deps.sh
phase "building ContainerLab (dotnet build, npm ci the first time)" scripts/build.sh
# The web runs unprivileged: a system user in the group that may use the daemon's socket. Its one writable place: the
# SQLite file of lab progress and the keys that protect its forms (keys/, 0700). Labs are read live from labs/.
ensure_web_user
data=${ContainerLab__DataDirectory:-/var/lib/containerlab-web}
ensure_web_data_directory "$data"
export ContainerLab__DataDirectory="$data" ContainerLab__LabsDirectory="${ContainerLab__LabsDirectory:-$PWD/labs}"

echo "==> starting containerlabd on $socket"
# A socket older than this marker is one a crashed daemon left; the new daemon replaces it once it listens.
marker=$(mktemp)
dotnet src/ContainerLab.Daemon/bin/Release/net10.0/containerlabd.dll --socket "$socket" ${daemon_args[@]+"${daemon_args[@]}"} &
daemon=$!
web=
trap 'kill $web $daemon 2>/dev/null; wait' EXIT INT TERM
started=$SECONDS
until [ -S "$socket" ] && [ "$socket" -nt "$marker" ]; do
  kill -0 $daemon 2>/dev/null || { echo "containerlabd exited; its messages are above" >&2; exit 1; }
  [ $((SECONDS - started)) -lt 60 ] || { echo "containerlabd did not listen on $socket within 60 s" >&2; exit 1; }
  sleep 0.1
done
rm -f "$marker"
phase "images the labs in $ContainerLab__LabsDirectory need" prepare_lab_images "$ContainerLab__LabsDirectory"

# The web reads its settings from ContainerLab__* variables (e.g. ContainerLab__MaxSessions=30).
echo "==> starting ContainerLab.Web on $listen"
setpriv --reuid=containerlab --regid=containerlab --init-groups --reset-env -- \
  env HOME="$data" DOTNET_CLI_HOME="$data" PATH="$PATH" CONTAINERLAB_SOCKET="$socket" \
  $(env | grep -E '^ContainerLab__' || true) \
  dotnet src/ContainerLab.Web/bin/Release/net10.0/ContainerLab.Web.dll --contentRoot "$PWD/src/ContainerLab.Web/bin/Release/net10.0" --urls "$listen" &
web=$!
wait_for_web "$listen" kill -0 $web || exit 1
echo
echo "ContainerLab is running: open $listen in a browser (the daemon's socket is $socket)."
print_first_instructor_link "$data" "$listen"
echo "Command line: sudo CONTAINERLAB_SOCKET=$socket ./clabctl run -it busybox"
wait -n $daemon $web
