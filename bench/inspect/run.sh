#!/usr/bin/env bash
# bench/inspect: what following open sandboxes costs, and how fast a change reaches the browser. With 30 sandboxes open:
# containerlabd's CPU (and the change stream's wall time) when nobody follows them, when one change-stream subscriber per
# sandbox watches them (the web now), and when each sandbox's inspection is read once a second (the web before), all in
# one run; change -> event at a daemon-side subscriber; change -> screen in a lab page in Debian's chromium through
# Playwright; the web's CPU per open lab page.
# Run as root: sudo bench/inspect/run.sh [--sandboxes 30] [--phase-seconds 10] [--rounds 2] [--event-samples 30]
# [--screen-samples 20] [--pages 5] [--markdown FILE]
# Starts its own containerlabd (temp state dir and socket, a cgroup prefix /containerlab-bench-XXXX and an id range of
# its own) and ContainerLab.Web on 127.0.0.1 with a port the OS picks, and removes all of it on exit, failure included.
# It touches no cgroup, mount or process that it did not create.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: needs root (sandboxes need namespaces, mounts and cgroups): sudo $0" >&2
    exit 1
fi
[[ -x /usr/bin/chromium ]] || { echo "run.sh: /usr/bin/chromium is missing: apt-get install chromium" >&2; exit 1; }

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run_names clab-inspectbench 70
# --sandboxes (30 by default) and one session per lab page (5): 64 is room for both.
MAX_SANDBOXES=64
DAEMON_PID=""
WEB_PID=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    # The web first (it holds change streams and attach sockets), then the daemon.
    if [[ -n "$WEB_PID" ]]; then
        kill -TERM "$WEB_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$WEB_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$WEB_PID" 2>/dev/null || true
        wait "$WEB_PID" 2>/dev/null || true
    fi
    if [[ -n "$DAEMON_PID" ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        for _ in $(seq 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$DAEMON_PID" 2>/dev/null && kill -KILL "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    if [[ $status -ne 0 ]]; then
        bench_show_logs daemon web
    fi
    bench_remove_host_objects "$WORK" "$CGROUP_PREFIX" "$STATE/runtime/crun" "$STATE/runtime/runc"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build "$REPO" "$WORK" src/ContainerLab.Daemon/ContainerLab.Daemon.csproj src/ContainerLab.Web/ContainerLab.Web.csproj \
    bench/InspectBench/InspectBench.csproj
WEB_BIN="$REPO/src/ContainerLab.Web/bin/Release/net10.0"

bench_start_daemon "$REPO" "$WORK" "$STATE" "$SOCKET" "$CGROUP_PREFIX" "$ID_BASE" "$MAX_SANDBOXES" || exit 1

# The web as bench/terminal starts it: Production, warnings only, on 127.0.0.1:0; its URL from "Now listening on".
(cd "$WEB_BIN" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' CONTAINERLAB_SOCKET="$SOCKET" \
    ContainerLab__MaxSessions=$MAX_SANDBOXES dotnet ContainerLab.Web.dll --urls http://127.0.0.1:0) >"$WORK/web.log" 2>&1 &
WEB_PID=$!
WEB_URL=""
for _ in $(seq 600); do
    WEB_URL=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$WORK/web.log" | head -1 | sed 's/Now listening on: //') || true
    [[ -n "$WEB_URL" ]] && break
    kill -0 "$WEB_PID" 2>/dev/null || { echo "run.sh: ContainerLab.Web exited" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$WEB_URL" ]] || { echo "run.sh: ContainerLab.Web did not listen within 60 s" >&2; exit 1; }

echo "measuring (web $WEB_URL)..." >&2
dotnet "$REPO/bench/InspectBench/bin/Release/net10.0/inspect-bench.dll" \
    --socket "$SOCKET" --daemon-pid "$DAEMON_PID" --web "$WEB_URL" --web-pid "$WEB_PID" "$@"
