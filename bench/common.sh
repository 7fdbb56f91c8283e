# Sourced by the benchmark scripts: cleanup of what one benchmark run made on the host, by its own names only.
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
