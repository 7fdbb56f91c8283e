# Sourced by the benchmark scripts: the names of one benchmark run, and cleanup of what it made on the host, by those
# names only.

# bench_run_names NAME STRIDE: sets TAG (8 random hex digits), WORK (a new /tmp/NAME-TAG.XXXX, mode 0755: root inside a
# sandbox is an unprivileged uid on the host and must reach the rootfs below it), STATE and SOCKET in it, the cgroup
# prefix /containerlab-bench-TAG and ID_BASE, the start of an id range of its own: one of 16 slots of STRIDE * 65536 ids
# above 3000000000 (STRIDE at least the run's sandboxes and bare runs), so that runs at once rarely share one.
bench_run_names() {
    local name="$1" stride="$2"
    TAG=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
    WORK=$(mktemp -d "/tmp/$name-$TAG.XXXX")
    chmod 0755 "$WORK"
    STATE="$WORK/state"
    SOCKET="$WORK/d.sock"
    CGROUP_PREFIX="/containerlab-bench-$TAG"
    ID_BASE=$((3000000000 + (16#${TAG:0:2} % 16) * stride * 65536))
}
#
# bench_remove_host_objects WORK CGROUP_PREFIX RUNTIME_ROOT...
#   Deletes containers left in the given runtime state roots (a daemon that died keeps its sandboxes), unmounts
#   whatever is mounted under WORK (overlay roots, tmpfs, idmapped layers; deepest first), removes the run's cgroup
#   prefix depth-first on every hierarchy, and deletes WORK unless something is still mounted below it.
bench_remove_host_objects() {
    local work="$1" prefix="$2"; shift 2
    local crun_wrapper=()
    # crun 1.8 refuses hybrid hosts with controllers on the unified mount; hide it in a private mount namespace.
    [[ -s /sys/fs/cgroup/unified/cgroup.controllers ]] && crun_wrapper=(unshare --mount --propagation private -- /bin/sh -c 'umount /sys/fs/cgroup/unified && exec "$0" "$@"')
    local root dir
    for root in "$@"; do
        [[ -d "$root" ]] || continue
        for dir in "$root"/*/; do
            [[ -d "$dir" ]] || continue
            case "$root" in
                *crun*) "${crun_wrapper[@]}" crun --root "$root" delete --force "$(basename "$dir")" >/dev/null 2>&1 || true ;;
                *) runc --root "$root" delete --force "$(basename "$dir")" >/dev/null 2>&1 || true ;;
            esac
        done
    done
    awk -v work="$work/" 'index($5, work) == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r mnt; do
        umount -l "$mnt" 2>/dev/null || true
    done
    for root in /sys/fs/cgroup/*"$prefix" /sys/fs/cgroup"$prefix"; do
        [[ -d "$root" ]] || continue
        find "$root" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    done
    if grep -q " $work/" /proc/self/mountinfo; then
        echo "run.sh: mounts left under $work, not deleting it:" >&2
        grep " $work/" /proc/self/mountinfo >&2
    else
        rm -rf "$work"
    fi
}

# bench_show_logs NAME...: the last 30 lines of each non-empty WORK/NAME.log, on stderr (a failed run says why).
bench_show_logs() {
    local log
    for log in "$@"; do
        [[ -s "$WORK/$log.log" ]] || continue
        echo "run.sh: $log's log (last 30 lines):" >&2
        tail -n 30 "$WORK/$log.log" >&2
    done
}

# bench_stop_process PID: SIGTERM, then SIGKILL after 30 s, and waits for it (a child of this shell).
bench_stop_process() {
    local pid="$1"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# bench_build REPO WORK PROJECT...: builds each project (a path under REPO) in Release, quietly, into WORK/build.log;
# exits with that log on the first failure.
bench_build() {
    local repo="$1" work="$2" project
    shift 2
    echo "building (Release)..." >&2
    for project in "$@"; do
        dotnet build -c Release -v q -nologo "$repo/$project" >>"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    done
}

# bench_start_daemon REPO WORK STATE SOCKET CGROUP_PREFIX ID_BASE MAX_SANDBOXES: starts the Release containerlabd in
# the background with a state dir, socket, cgroup prefix and id range of the run's own, log in WORK/daemon.log; sets
# DAEMON_PID and returns once it listens (at most 60 s), or fails with its log.
bench_start_daemon() {
    local repo="$1" work="$2" state="$3" socket="$4" prefix="$5" id_base="$6" max="$7"
    mkdir -p "$state"
    Logging__LogLevel__Default=Warning dotnet "$repo/src/ContainerLab.Daemon/bin/Release/net10.0/containerlabd.dll" \
        --state-dir "$state" --socket "$socket" --cgroup-parent "$prefix" --id-base "$id_base" \
        --max-sandboxes "$max" >"$work/daemon.log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 600); do
        [[ -S "$socket" ]] && return 0
        kill -0 "$DAEMON_PID" 2>/dev/null || { echo "run.sh: containerlabd exited:" >&2; cat "$work/daemon.log" >&2; return 1; }
        sleep 0.1
    done
    echo "run.sh: containerlabd did not listen on $socket within 60 s" >&2
    return 1
}
