#!/usr/bin/env bash
# bench/start: Start -> visible prompt, the first start after the servers came up, with a freshly launched browser, and
# with a new context of a running one, on ContainerLab.Web beside the bare relay's start page (the same node created
# through the same daemon, then one raw WebSocket: bench/TerminalBench/Relay --mode bare, /start).
# Run as root: sudo bench/start/run.sh [--cold-rounds 5] [--runs 10] [--markdown FILE]
# Starts its own containerlabd (temp state dir and socket, a cgroup prefix /containerlab-bench-XXXX and an id range of
# its own), ContainerLab.Web and the relay on 127.0.0.1 with ports the OS picks; for each cold round it stops and
# starts them again. Removes all of it on exit, failure included.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: needs root (sandboxes need namespaces, mounts and cgroups): sudo $0" >&2
    exit 1
fi
[[ -x /usr/bin/chromium ]] || { echo "run.sh: /usr/bin/chromium is missing: apt-get install chromium" >&2; exit 1; }

COLD_ROUNDS=5 RUNS=10 MARKDOWN=
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cold-rounds) COLD_ROUNDS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --markdown) MARKDOWN=$2; shift 2 ;;
        *) echo "run.sh: unknown flag $1" >&2; exit 2 ;;
    esac
done

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run_names clab-startbench 110
RESULTS="$WORK/results.jsonl"
PIDS=()
DAEMON_PID=

stop_servers() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    PIDS=()
    if [[ -n "$DAEMON_PID" ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        for _ in $(seq 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$DAEMON_PID" 2>/dev/null && kill -KILL "$DAEMON_PID" 2>/dev/null || true
        wait "$DAEMON_PID" 2>/dev/null || true
    fi
    DAEMON_PID=
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_servers
    if [[ $status -ne 0 ]]; then
        bench_show_logs daemon web bare
    fi
    bench_remove_host_objects "$WORK" "$CGROUP_PREFIX" "$STATE/runtime/crun" "$STATE/runtime/runc"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build "$REPO" "$WORK" src/ContainerLab.Daemon/ContainerLab.Daemon.csproj src/ContainerLab.Web/ContainerLab.Web.csproj \
    bench/TerminalBench/Relay/TerminalBench.Relay.csproj bench/StartBench/StartBench.csproj
WEB_BIN="$REPO/src/ContainerLab.Web/bin/Release/net10.0"
RELAY_BIN="$REPO/bench/TerminalBench/Relay/bin/Release/net10.0"
DRIVER=(dotnet "$REPO/bench/StartBench/bin/Release/net10.0/start-bench.dll")
mkdir -p "$WORK/assets/_framework"
cp -r "$REPO/src/ContainerLab.Web/wwwroot/lib" "$WORK/assets/lib"
cp "$REPO/src/ContainerLab.Web/wwwroot/_framework/blazor.web.js" "$WORK/assets/_framework/"
mkdir -p "$STATE"

start_daemon() {
    Logging__LogLevel__Default=Warning dotnet "$REPO/src/ContainerLab.Daemon/bin/Release/net10.0/containerlabd.dll" \
        --state-dir "$STATE" --socket "$SOCKET" --cgroup-parent "$CGROUP_PREFIX" --id-base "$ID_BASE" \
        --max-sandboxes 100 >>"$WORK/daemon.log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 600); do
        [[ -S "$SOCKET" ]] && return
        kill -0 "$DAEMON_PID" 2>/dev/null || { echo "run.sh: containerlabd exited" >&2; exit 1; }
        sleep 0.05
    done
    echo "run.sh: containerlabd did not listen on $SOCKET within 30 s" >&2; exit 1
}

# start NAME DIR ARGS...: a server on 127.0.0.1:0 in DIR; sets URL_NAME from its "Now listening on" line.
start() {
    local name=$1 dir=$2; shift 2
    : >"$WORK/$name.log"
    (cd "$dir" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' CONTAINERLAB_SOCKET="$SOCKET" \
        ContainerLab__MaxSessions=100 "$@" --urls http://127.0.0.1:0) >"$WORK/$name.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    for _ in $(seq 600); do
        local url; url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$WORK/$name.log" | head -1 | sed 's/Now listening on: //') || true
        if [[ -n "$url" ]]; then printf -v "URL_$name" %s "$url"; return; fi
        kill -0 "$pid" 2>/dev/null || { echo "run.sh: $name exited" >&2; exit 1; }
        sleep 0.05
    done
    echo "run.sh: $name did not listen within 30 s" >&2; exit 1
}
start_web() { start web "$WEB_BIN" dotnet ContainerLab.Web.dll; }
start_bare() { start bare "$RELAY_BIN" dotnet terminal-bench-relay.dll --mode bare --socket "$SOCKET" --assets "$WORK/assets"; }

# Cold: each contender on servers of its own that just started (the first request of each is the one measured), one
# round after the other, the order alternating. "Came up" = listening, as a systemd unit or a script would see it.
for round in $(seq "$COLD_ROUNDS"); do
    for contender in $( ((round % 2)) && echo "web bare" || echo "bare web"); do
        start_daemon
        "start_$contender"
        url_var="URL_$contender"
        "${DRIVER[@]}" cold --results "$RESULTS" --socket "$SOCKET" --contender "$contender" --url "${!url_var}"
        stop_servers
    done
done

# Warm: both servers up, interleaved runs.
start_daemon
start_web
start_bare
"${DRIVER[@]}" warm --results "$RESULTS" --socket "$SOCKET" --web "$URL_web" --bare "$URL_bare" --runs "$RUNS"
stop_servers
"${DRIVER[@]}" report --results "$RESULTS" ${MARKDOWN:+--markdown "$MARKDOWN"}
