#!/usr/bin/env bash
# bench/classroom: a class on one server. Thirty students' browser contexts (Debian's chromium through Playwright) join a
# class with its code and work on lab 1 while the instructor's class page is open; side by side in one invocation:
#   - a Check to the instructor's grid cell against the same Check to the student's own result (p50/p95);
#   - the web's memory per class student against an anonymous practice session (the start page's Start);
#   - the web's CPU for the same Checks with the instructor's page open and closed.
# Run as root: sudo bench/classroom/run.sh [--students 30] [--rounds 2] [--markdown FILE]
# Starts its own containerlabd (temp state dir and socket, a cgroup prefix /containerlab-bench-XXXX and an id range of
# its own) and two ContainerLab.Web (each with its data directory, SQLite, under the run's temp dir) on 127.0.0.1 with
# ports the OS picks. Removes all of it on exit, failure included.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: needs root (sandboxes need namespaces, mounts and cgroups): sudo $0" >&2
    exit 1
fi
[[ -x /usr/bin/chromium ]] || { echo "run.sh: /usr/bin/chromium is missing: apt-get install chromium" >&2; exit 1; }

STUDENTS=30 ROUNDS=2 MARKDOWN=
while [[ $# -gt 0 ]]; do
    case "$1" in
        --students) STUDENTS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --markdown) MARKDOWN=$2; shift 2 ;;
        *) echo "run.sh: unknown flag $1" >&2; exit 2 ;;
    esac
done

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run_names clab-classbench 110
DAEMON_PID= WEB_PIDS=()

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for pid in "${WEB_PIDS[@]}"; do bench_stop_process "$pid"; done
    bench_stop_process "$DAEMON_PID"
    if [[ $status -ne 0 ]]; then
        bench_show_logs daemon web-anonymous web-class
    fi
    bench_remove_host_objects "$WORK" "$CGROUP_PREFIX" "$STATE/runtime/crun" "$STATE/runtime/runc"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build "$REPO" "$WORK" src/ContainerLab.Daemon/ContainerLab.Daemon.csproj src/ContainerLab.Web/ContainerLab.Web.csproj \
    bench/ClassroomBench/ClassroomBench.csproj
bench_start_daemon "$REPO" "$WORK" "$STATE" "$SOCKET" "$CGROUP_PREFIX" "$ID_BASE" $((2 * STUDENTS + 10))

WEB_BIN="$REPO/src/ContainerLab.Web/bin/Release/net10.0"
# start_web NAME: a web of its own (data directory, SQLite) on 127.0.0.1:0; sets WEB_PID_NAME and URL_NAME.
start_web() {
    local name=$1 url=
    (cd "$WEB_BIN" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' CONTAINERLAB_SOCKET="$SOCKET" \
        ContainerLab__DataDirectory="$WORK/data-$name" ContainerLab__MaxSessions=$((2 * STUDENTS + 10)) \
        dotnet ContainerLab.Web.dll --urls http://127.0.0.1:0) >"$WORK/web-$name.log" 2>&1 &
    printf -v "WEB_PID_$name" %s $!
    WEB_PIDS+=($!)
    for _ in $(seq 600); do
        url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$WORK/web-$name.log" | head -1 | sed 's/Now listening on: //') || true
        [[ -n "$url" ]] && { printf -v "URL_$name" %s "$url"; return; }
        kill -0 "$!" 2>/dev/null || { echo "run.sh: the $name web exited" >&2; cat "$WORK/web-$name.log" >&2; exit 1; }
        sleep 0.05
    done
    echo "run.sh: the $name web did not listen within 30 s" >&2; exit 1
}
# Two fresh webs on one daemon: memory per session is compared from the same starting point (a web that served thirty
# sessions before keeps their freed memory, and a second batch would look cheaper than it is).
start_web anonymous
start_web class

dotnet "$REPO/bench/ClassroomBench/bin/Release/net10.0/classroom-bench.dll" --url "$URL_class" --web-pid "$WEB_PID_class" \
    --anonymous-url "$URL_anonymous" --anonymous-pid "$WEB_PID_anonymous" \
    --data "$WORK/data-class" --students "$STUDENTS" --rounds "$ROUNDS" ${MARKDOWN:+--markdown "$MARKDOWN"}
