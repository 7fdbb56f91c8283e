#!/usr/bin/env bash
# Installs ContainerLab as two systemd services that start at boot: NAMEd.service (containerlabd, root) and
# NAME-web.service (ContainerLab.Web as the user containerlab), then enables and starts them. NAME is containerlab.
#   sudo scripts/install-systemd.sh [--listen http://127.0.0.1:8080] [--cgroup-parent /containerlab] [--id-base N]
#   sudo scripts/install-systemd.sh --uninstall [--purge]     # stop, disable, remove units and /opt/NAME (--purge: state and data too)
#   scripts/install-systemd.sh --units-only DIR               # only write the two unit files into DIR (no root, nothing installed)
# Other options: --name NAME (a second instance: its own units, /opt/NAME, /var/lib/NAME, /var/lib/NAME-web, /run/NAME,
# /etc/NAME), --no-build (install the existing Release build), --no-start.
# What it installs: the published daemon, web and clabctl under /opt/NAME (labs in /opt/NAME/labs), settings files
# /etc/NAME/daemon.env and web.env (kept on reinstall), the units in /etc/systemd/system, and the images the labs need.
# Reinstall after `git pull` to upgrade: the services restart, sandboxes are removed, images and progress stay.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/phases.sh
. scripts/lib/lab-images.sh
. scripts/lib/web-user.sh

name=containerlab listen=http://127.0.0.1:8080 units_only= uninstall= purge= build=yes start=yes daemon_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    --name) name="$2"; shift 2 ;;
    --listen) listen="$2"; shift 2 ;;
    --cgroup-parent|--id-base) daemon_args+=" $1 $2"; shift 2 ;;
    --units-only) units_only="$2"; shift 2 ;;
    --uninstall) uninstall=yes; shift ;;
    --purge) purge=yes; shift ;;
    --no-build) build=; shift ;;
    --no-start) start=; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install-systemd.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
[[ "$name" =~ ^[a-z][a-z0-9-]*$ ]] || { echo "install-systemd.sh: --name must be lowercase letters, digits and -" >&2; exit 2; }
[[ "$listen" =~ ^https?:// ]] || { echo "install-systemd.sh: --listen takes a URL such as http://0.0.0.0:8080" >&2; exit 2; }

prefix=/opt/$name
state=/var/lib/$name
data=/var/lib/$name-web
socket=/run/$name/containerlabd.sock
env_dir=/etc/$name
unit_dir=/etc/systemd/system
daemon_unit=${name}d.service
web_unit=$name-web.service

# Fills deploy/systemd/TEMPLATE.in into DIR/UNIT.
write_unit() {
  local template="$1" unit="$2" dir="$3" dotnet
  dotnet=$(command -v dotnet) || { echo "install-systemd.sh: dotnet not found (the .NET 10 runtime or SDK)" >&2; return 1; }
  sed -e "s|@NAME@|$name|g" -e "s|@PREFIX@|$prefix|g" -e "s|@STATE@|$state|g" -e "s|@DATA@|$data|g" \
      -e "s|@SOCKET@|$socket|g" -e "s|@ENV_DIR@|$env_dir|g" -e "s|@LISTEN@|$listen|g" -e "s|@DOTNET@|$dotnet|g" \
      -e "s|@WEB_USER@|containerlab|g" -e "s|@DAEMON_ARGS@|$daemon_args|g" "deploy/systemd/$template.in" >"$dir/$unit.tmp"
  mv "$dir/$unit.tmp" "$dir/$unit"
}

if [ -n "$units_only" ]; then
  mkdir -p "$units_only"
  write_unit containerlabd.service "$daemon_unit" "$units_only"
  write_unit containerlab-web.service "$web_unit" "$units_only"
  echo "$units_only/$daemon_unit"
  echo "$units_only/$web_unit"
  exit 0
fi

[ "$(id -u)" = 0 ] || { echo "install-systemd.sh: run as root (sudo)" >&2; exit 1; }
# The web's unit hides /root and /home (ProtectHome): a dotnet installed there could not start it.
case "$(readlink -f "$(command -v dotnet)")" in
  /root/*|/home/*) echo "install-systemd.sh: dotnet is under a home directory ($(readlink -f "$(command -v dotnet)")), which the web's service cannot see: install .NET system-wide (Microsoft's Debian packages put it in /usr/share/dotnet)" >&2; exit 1 ;;
esac
[ -d /run/systemd/system ] || { echo "install-systemd.sh: systemd is not running on this machine (PID 1 is $(cat /proc/1/comm)); use scripts/run.sh or docker compose" >&2; exit 1; }

if [ -n "$uninstall" ]; then
  systemctl disable --now "$web_unit" "$daemon_unit" 2>/dev/null || true
  rm -f "$unit_dir/$web_unit" "$unit_dir/$daemon_unit"
  systemctl daemon-reload
  rm -rf "$prefix"
  [ "$name" != containerlab ] || rm -f /usr/local/bin/clabctl
  [ -z "$purge" ] || rm -rf "$state" "$data" "$env_dir"
  echo "removed $daemon_unit, $web_unit and $prefix${purge:+, $state, $data and $env_dir}"
  exit 0
fi

if [ -n "$build" ]; then
  phase "Debian packages (apt-get)" scripts/install-deps.sh
  phase "building ContainerLab (dotnet build, npm ci the first time)" scripts/build.sh
fi

# Published output, so the services do not depend on this checkout (which may sit in a home directory the web's
# ProtectHome hides): staged beside the old install and swapped in once complete.
publish() {
  local staging="$prefix.new"
  rm -rf "$staging"
  for project in Daemon:daemon Web:web Cli:cli; do
    dotnet publish "src/ContainerLab.${project%%:*}" -c Release -o "$staging/${project##*:}" -nologo -v minimal -clp:NoSummary
  done
  cp -r labs "$staging/labs"
  rm -rf "$prefix.old"
  [ ! -d "$prefix" ] || mv "$prefix" "$prefix.old"
  mv "$staging" "$prefix"
  rm -rf "$prefix.old"
}
phase "publishing into $prefix" publish
if [ "$name" = containerlab ]; then
  printf '#!/bin/sh\nexec %s %s/cli/clabctl.dll "$@"\n' "$(command -v dotnet)" "$prefix" >/usr/local/bin/clabctl
  chmod 0755 /usr/local/bin/clabctl
fi

ensure_web_user
ensure_web_data_directory "$data"
install -d -m 0755 "$env_dir"
[ -e "$env_dir/daemon.env" ] || printf '%s\n' "# containerlabd settings, one VAR=value a line (containerlabd --help), e.g." \
  "# CONTAINERLAB_MAX_SANDBOXES=160" "# CONTAINERLAB_MAX_NODE_MEMORY=512m" >"$env_dir/daemon.env"
[ -e "$env_dir/web.env" ] || printf '%s\n' "# ContainerLab.Web settings, one VAR=value a line (README), e.g." \
  "# ContainerLab__MaxSessions=30" "# ContainerLab__IdleTimeout=00:45:00" >"$env_dir/web.env"

write_unit containerlabd.service "$daemon_unit" "$unit_dir"
write_unit containerlab-web.service "$web_unit" "$unit_dir"
systemctl daemon-reload
echo "==> installed $unit_dir/$daemon_unit and $unit_dir/$web_unit"
[ -n "$start" ] || exit 0

systemctl enable "$daemon_unit" "$web_unit"
# restart, not start: after an upgrade the services must run the new binaries (on a first install it starts them).
phase "starting $daemon_unit" systemctl restart "$daemon_unit"
export CONTAINERLAB_SOCKET="$socket"
phase "images the labs in $prefix/labs need" prepare_lab_images "$prefix/labs"
phase "starting $web_unit" systemctl restart "$web_unit"
wait_for_web "$listen" systemctl is-active --quiet "$web_unit" || true
echo
systemctl --no-pager --lines=3 status "$daemon_unit" "$web_unit" || true
echo
echo "ContainerLab runs: open $listen (put a TLS reverse proxy in front for students, docs/DEPLOY.md)."
print_first_instructor_link "$data" "$listen"
echo "Logs: journalctl -u $daemon_unit -u $web_unit; settings: $env_dir/*.env, then systemctl restart $web_unit"
