#!/usr/bin/env bash
# bench/sandbox-start: median and p95 of API create -> process running, against a bare `crun run -d` and
# `runc run -d` of the same rootfs in the same run. Run as root: sudo bench/sandbox-start/run.sh [--runs N]
# [--warmups N] [--alive N] [--markdown FILE]. Starts its own containerlabd (temp state dir and socket, a
# cgroup prefix /containerlab-bench-XXXX and an id range of its own), and removes all of it on exit, failure
# included. It touches no cgroup, mount or process that it did not create.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: needs root (sandboxes need namespaces, mounts and cgroups): sudo $0" >&2
    exit 1
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run_names clab-bench 70
# Sandboxes get 64 ranges of 65536 ids from ID_BASE; the bare runs get the range after them.
MAX_SANDBOXES=64
BARE_ID=$((ID_BASE + MAX_SANDBOXES * 65536))
DAEMON_PID=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$DAEMON_PID" ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        for _ in $(seq 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$DAEMON_PID" 2>/dev/null && kill -KILL "$DAEMON_PID" 2>/dev/null || true
        local daemon_status=0
        wait "$DAEMON_PID" 2>/dev/null || daemon_status=$?
        if [[ $status -ne 0 ]]; then
            echo "run.sh: containerlabd's log:" >&2
            tail -n 40 "$WORK/daemon.log" >&2
        elif [[ $daemon_status -ne 0 ]]; then
            echo "run.sh: note: containerlabd exited with $daemon_status on SIGTERM (see $WORK/daemon.log before cleanup)" >&2
            grep -m1 -A1 "Unhandled exception" "$WORK/daemon.log" >&2 || true
        fi
    fi
    bench_remove_host_objects "$WORK" "$CGROUP_PREFIX" "$WORK/crun-state" "$WORK/runc-state" "$STATE/runtime/crun" "$STATE/runtime/runc"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build "$REPO" "$WORK" src/ContainerLab.Daemon/ContainerLab.Daemon.csproj bench/SandboxStart/SandboxStart.csproj

bench_start_daemon "$REPO" "$WORK" "$STATE" "$SOCKET" "$CGROUP_PREFIX" "$ID_BASE" "$MAX_SANDBOXES" || exit 1

# The bare runs' rootfs: a copy of the busybox layer the daemon built, owned by root of their user namespace.
layers=("$STATE"/images/layers/*/rootfs)
[[ ${#layers[@]} -eq 1 && -d "${layers[0]}" ]] || { echo "run.sh: expected one busybox layer, found: ${layers[*]}" >&2; exit 1; }
cp -a "${layers[0]}" "$WORK/rootfs"
chown -R -h "$BARE_ID:$BARE_ID" "$WORK/rootfs"

echo "measuring..." >&2
dotnet "$REPO/bench/SandboxStart/bin/Release/net10.0/sandbox-start.dll" \
    --socket "$SOCKET" --state-dir "$STATE" --daemon-pid "$DAEMON_PID" --cgroup-prefix "$CGROUP_PREFIX" \
    --rootfs "$WORK/rootfs" --bare-host-id "$BARE_ID" --work-dir "$WORK" "$@"
