#!/usr/bin/env bash
# bench/vm-start: a VM node from API create to its shell line, against a bare qemu-system-x86_64 given the same argv,
# kernel and initramfs (spawn -> the same line), and against a container node (API create -> prompt), in one run; then
# idle memory of each. Run as root after scripts/build-vm-image.sh --tar-only:
#   sudo bench/vm-start/run.sh [--runs N] [--markdown FILE]
# Starts its own containerlabd (temp state dir and socket, a cgroup prefix /containerlab-bench-XXXX and an id range of
# its own) and removes all of it on exit, failure included. It touches nothing it did not create.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    echo "run.sh: needs root (sandboxes need namespaces, mounts and cgroups): sudo $0" >&2
    exit 1
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VM_TAR="${CONTAINERLAB_VM_DIR:-/var/cache/containerlab/vm}/vm-image.tar"
[[ -s "$VM_TAR" ]] || { echo "run.sh: $VM_TAR is missing: run scripts/build-vm-image.sh --tar-only" >&2; exit 1; }
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"
bench_run_names clab-bench 70
DAEMON_PID=""

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    bench_stop_process "$DAEMON_PID"
    if [[ $status -ne 0 && -f "$WORK/daemon.log" ]]; then
        echo "run.sh: containerlabd's log:" >&2
        tail -n 40 "$WORK/daemon.log" >&2
    fi
    bench_remove_host_objects "$WORK" "$CGROUP_PREFIX" "$STATE/runtime/crun" "$STATE/runtime/runc"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build "$REPO" "$WORK" src/ContainerLab.Daemon/ContainerLab.Daemon.csproj bench/VmStart/VmStart.csproj

mkdir -p "$WORK/guest"
# The bare runs' kernel and initramfs: the ones inside the image the VM nodes run.
tar -xf "$VM_TAR" -C "$WORK/guest" ./vm
# The daemon's own choice first (--accelerator auto: KVM where a guest boots under it, else TCG, with its reason in the
# report's first line); where that is KVM, the same rounds again with a daemon told to use TCG, so that a server with
# working KVM gets both rows (appended to the same --markdown file).
bench_start_daemon "$REPO" "$WORK" "$STATE" "$SOCKET" "$CGROUP_PREFIX" "$ID_BASE" 16
echo "measuring (the daemon's choice of accelerator)..." >&2
dotnet "$REPO/bench/VmStart/bin/Release/net10.0/vm-start.dll" \
    --socket "$SOCKET" --state-dir "$STATE" --guest-dir "$WORK/guest/vm" --vm-tar "$VM_TAR" --accelerator-file "$WORK/accelerator" "$@"
if [[ $(cat "$WORK/accelerator") == kvm ]]; then
    bench_stop_process "$DAEMON_PID"
    DAEMON_PID=""
    CONTAINERLAB_ACCELERATOR=tcg bench_start_daemon "$REPO" "$WORK" "$STATE" "$SOCKET" "$CGROUP_PREFIX" "$ID_BASE" 16
    echo "measuring again under TCG..." >&2
    echo
    dotnet "$REPO/bench/VmStart/bin/Release/net10.0/vm-start.dll" \
        --socket "$SOCKET" --state-dir "$STATE" --guest-dir "$WORK/guest/vm" --vm-tar "$VM_TAR" --append "$@"
fi
