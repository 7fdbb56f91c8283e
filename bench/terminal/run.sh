#!/usr/bin/env bash
# bench/terminal: the browser terminal, measured in Debian's chromium through Playwright: keystroke -> echo parsed by
# xterm.js, 50 MB of output through the terminal, server memory per idle session (Start -> prompt is bench/start's). Each beside a
# bare WebSocket relay of the same pty (bench/TerminalBench/Relay --mode bare) and, for the hub-or-circuit question, the
# same relay over a Blazor Server circuit (--mode circuit), all in one run.
# Run as root: sudo bench/terminal/run.sh [--keystrokes 500] [--flood-bytes 50000000] [--flood-runs 3]
# [--idle-sessions 50] [--markdown FILE]
# Starts its own containerlabd (temp state dir and socket, a cgroup prefix /containerlab-bench-XXXX and an id range of
# its own), ContainerLab.Web and the two relays on 127.0.0.1 with ports the OS picks, and removes all of it on exit,
# failure included. It touches no cgroup, mount or process that it did not create.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: needs root (sandboxes need namespaces, mounts and cgroups): sudo $0" >&2
    exit 1
fi
[[ -x /usr/bin/chromium ]] || { echo "run.sh: /usr/bin/chromium is missing: apt-get install chromium" >&2; exit 1; }

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run_names clab-termbench 110
# 1 session for echo and output, --idle-sessions kept open: 100 is room for all.
MAX_SANDBOXES=100
PIDS=()

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    # The web and the relays first (they hold attach sockets), then the daemon.
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "${DAEMON_PID:-}" ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        for _ in $(seq 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$DAEMON_PID" 2>/dev/null && kill -KILL "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    if [[ $status -ne 0 ]]; then
        bench_show_logs daemon web bare circuit
    fi
    bench_remove_host_objects "$WORK" "$CGROUP_PREFIX" "$STATE/runtime/crun" "$STATE/runtime/runc"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build "$REPO" "$WORK" src/ContainerLab.Daemon/ContainerLab.Daemon.csproj src/ContainerLab.Web/ContainerLab.Web.csproj \
    bench/TerminalBench/Relay/TerminalBench.Relay.csproj bench/TerminalBench/Driver/TerminalBench.csproj
WEB_BIN="$REPO/src/ContainerLab.Web/bin/Release/net10.0"
RELAY_BIN="$REPO/bench/TerminalBench/Relay/bin/Release/net10.0"
# The same xterm.js, addons and blazor.web.js the web serves, from its build.
mkdir -p "$WORK/assets/_framework"
cp -r "$REPO/src/ContainerLab.Web/wwwroot/lib" "$WORK/assets/lib"
cp "$REPO/src/ContainerLab.Web/wwwroot/_framework/blazor.web.js" "$WORK/assets/_framework/"

bench_start_daemon "$REPO" "$WORK" "$STATE" "$SOCKET" "$CGROUP_PREFIX" "$ID_BASE" "$MAX_SANDBOXES" || exit 1

# start NAME DIR ARGS...: a server on 127.0.0.1:0 in DIR; sets URL_NAME from its "Now listening on" line, PID_NAME.
start() {
    local name=$1 dir=$2; shift 2
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' CONTAINERLAB_SOCKET="$SOCKET" \
        ContainerLab__MaxSessions=$MAX_SANDBOXES "$@" --urls http://127.0.0.1:0) >"$WORK/$name.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    printf -v "PID_$name" %s "$pid"
    for _ in $(seq 600); do
        local url; url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$WORK/$name.log" | head -1 | sed 's/Now listening on: //') || true
        if [[ -n "$url" ]]; then printf -v "URL_$name" %s "$url"; return; fi
        kill -0 "$pid" 2>/dev/null || { echo "run.sh: $name exited" >&2; exit 1; }
        sleep 0.1
    done
    echo "run.sh: $name did not listen within 60 s" >&2; exit 1
}
start web "$WEB_BIN" dotnet ContainerLab.Web.dll
start bare "$RELAY_BIN" dotnet terminal-bench-relay.dll --mode bare --socket "$SOCKET" --assets "$WORK/assets"
start circuit "$RELAY_BIN" dotnet terminal-bench-relay.dll --mode circuit --socket "$SOCKET" --assets "$WORK/assets"

echo "measuring (web $URL_web, bare relay $URL_bare, circuit relay $URL_circuit)..." >&2
dotnet "$REPO/bench/TerminalBench/Driver/bin/Release/net10.0/terminal-bench.dll" \
    --socket "$SOCKET" --daemon-pid "$DAEMON_PID" \
    --web "$URL_web" --web-pid "$PID_web" --bare "$URL_bare" --bare-pid "$PID_bare" \
    --circuit "$URL_circuit" --circuit-pid "$PID_circuit" "$@"
