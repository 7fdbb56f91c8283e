#!/usr/bin/env bash
# Runs tests on cgroup v2 while this machine is a v1 hybrid: boots a QEMU guest with Debian's kernel and
# cgroup_no_v1=all whose root is this machine's own (shared read-only over virtio-9p, a tmpfs on top; built by
# scripts/build-cgroup-v2-guest.sh), runs `dotnet test` of the already built test projects in it, brings back the
# results (a trx per project) and the guest's console log, and powers it off. KVM where a guest boots under it
# (tried first), TCG otherwise. Run as root after the tests are built (scripts/test.sh builds them):
#   sudo scripts/test-cgroup-v2.sh                  # the v2 subset: the engine's cgroup, limits, lifecycle,
#                                                   # isolation and inspection tests and lab 3 (docs/DEPLOY.md)
#   sudo scripts/test-cgroup-v2.sh --smoke          # the smaller set CI runs
#   sudo scripts/test-cgroup-v2.sh --filter EXPR    # any dotnet test filter, over the integration and engine tests
#   ... --results DIR                                # also copy the trx files to DIR as cgroup-v2-*.trx (scripts/test.sh)
# Prints the guest's output as it comes and a last line "N passed, N failed, N skipped"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
[ "$(id -u)" -eq 0 ] || { echo "test-cgroup-v2.sh: needs root (the tests make namespaces, cgroups and mounts)" >&2; exit 1; }
configuration=${CONFIGURATION:-Debug}

# What runs in the guest. The subset: every integration test of cgroups, limits, the lifecycle and the clean-up,
# isolation and inspection, lab 3's test, and the engine's unit tests of the v2 code.
subset='FullyQualifiedName~ContainerLab.Integration.Tests.Sandboxes|FullyQualifiedName~ContainerLab.Integration.Tests.Isolation|FullyQualifiedName~ContainerLab.Integration.Tests.Inspection|FullyQualifiedName~ContainerLab.Integration.Tests.Cgroups|FullyQualifiedName~V2Cgroup|FullyQualifiedName~CgroupV2'
smoke='FullyQualifiedName~CgroupV2Guest|FullyQualifiedName~ResourceLimitTests|FullyQualifiedName~LiveLimitTests|FullyQualifiedName~V2CgroupTests'
filter=$subset
timeout_s=2400
copy_to=
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) filter=$smoke; timeout_s=1200 ;;
    --filter) filter=$2; shift ;;
    --results) copy_to=$2; shift ;;
    *) echo "test-cgroup-v2.sh: unknown argument '$1' (--smoke, --filter EXPR, --results DIR)" >&2; exit 2 ;;
  esac
  shift
done

scripts/build-cgroup-v2-guest.sh
guest=${CONTAINERLAB_V2_GUEST_DIR:-/var/cache/containerlab/cgroup-v2-guest}
for project in ContainerLab.Integration.Tests ContainerLab.Engine.Tests; do
  [ -f "tests/$project/bin/$configuration/net10.0/$project.dll" ] \
    || { echo "test-cgroup-v2.sh: tests/$project is not built ($configuration): run scripts/test.sh or dotnet build first" >&2; exit 1; }
done

work=$(mktemp -d /tmp/clab-v2-run.XXXX)
results="$work/results"
mkdir -p "$results"
qemu_pid=
cleanup() {
  [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null && wait "$qemu_pid" 2>/dev/null
  rm -f "$work/scratch.img"
}
trap cleanup EXIT

# The scratch disk: ext4 for the guest's /tmp, where the daemons under test keep their state (idmapped mounts).
truncate -s 16G "$work/scratch.img"
mkfs.ext4 -q -F "$work/scratch.img"


# The host's TSC rate for the guest (as Engine/Host/TscRate reads it): its own measurement can hang under TCG.
khz=$(awk -F': ' '/^flags/ && !f { f = $2 } /^cpu MHz/ && !m { m = $2 } END { if (f ~ / constant_tsc / && f !~ / aperfmperf /) printf "%d", m * 1000 }' /proc/cpuinfo)
append="console=ttyS0 pci=off panic=-1 cgroup_no_v1=all systemd.unified_cgroup_hierarchy=1 clab.stage2=$repo/scripts/lib/cgroup-v2-guest/guest-init"
[ -n "$khz" ] && append="$append tsc_early_khz=$khz tsc=reliable"
qemu_args() { # $1: accelerator arguments
  echo "-machine microvm $1 -smp 2 -m 6G -nodefaults -no-user-config -display none -no-reboot
    -kernel $guest/vmlinux -initrd $guest/initramfs.cpio.gz
    -fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap -device virtio-9p-device,fsdev=hostroot,mount_tag=hostroot
    -fsdev local,id=modules,path=$guest/modules/$(cat "$guest/kernel-release"),security_model=none,readonly=on -device virtio-9p-device,fsdev=modules,mount_tag=modules
    -fsdev local,id=results,path=$results,security_model=passthrough -device virtio-9p-device,fsdev=results,mount_tag=results
    -drive file=$work/scratch.img,if=none,format=raw,id=scratch,cache=unsafe -device virtio-blk-device,drive=scratch"
}

# KVM where it boots: a /dev/kvm from a nested hypervisor (PVM) makes QEMU abort at once with -cpu host.
accel="-accel tcg,thread=multi"
if [ -e /dev/kvm ]; then
  # In a subshell of its own: QEMU's abort is not reported by this shell.
  if (timeout 20 qemu-system-x86_64 $(qemu_args "-accel kvm -cpu host") -append "$append clab.trial=1" -serial file:"$work/kvm-trial.log" \
       </dev/null >"$work/kvm-trial.err" 2>&1; exit 0) 2>/dev/null && grep -q "clab-v2-guest: up" "$work/kvm-trial.log"; then
    accel="-accel kvm -cpu host"
  else
    echo "test-cgroup-v2.sh: KVM tried and not used ($(grep -m1 -o 'qemu-system-x86_64: .*' "$work/kvm-trial.err" || echo 'the guest did not come up in 20 s')): TCG"
  fi
fi
[ "$accel" = "-accel tcg,thread=multi" ] && time_scale=5 || time_scale=1
cat > "$results/run.sh" <<RUN
export DOTNET_CLI_HOME=/tmp/home DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export CONTAINERLAB_CGROUP_V2_GUEST=1 CI=true
# Every instruction is emulated under TCG: the tests' hang guards are scaled (TestSupport/TestTime), and the daemons
# under test JIT in tiers (quickly first) instead of fully optimising every method at its first call, which takes
# minutes there. Neither changes what is tested: the cgroup files, the kernel's answers, the engine's paths.
export CONTAINERLAB_TEST_TIME_SCALE=$time_scale DOTNET_TieredCompilation=1
cd "$repo"
rc=0
for project in ContainerLab.Engine.Tests ContainerLab.Integration.Tests; do
  dotnet test "tests/\$project/bin/$configuration/net10.0/\$project.dll" --filter '$filter' \\
    --logger "trx;LogFileName=\$project.trx" --logger "console;verbosity=normal" --results-directory /run/clab-results \\
    || rc=1
done
echo \$rc > /run/clab-results/rc-inner
RUN
echo "test-cgroup-v2.sh: booting the guest ($accel), filter: $filter"
start=$(date +%s)
timeout --kill-after=30s "$timeout_s" qemu-system-x86_64 $(qemu_args "$accel") -append "$append" \
  -chardev stdio,id=console,signal=off,logfile="$results/console.log" -serial chardev:console </dev/null &
qemu_pid=$!
qemu_status=0
wait "$qemu_pid" || qemu_status=$?
qemu_pid=
[ "$qemu_status" -eq 124 ] && echo "test-cgroup-v2.sh: the guest ran over $timeout_s s and was stopped" >&2
echo "test-cgroup-v2.sh: guest ran $(( $(date +%s) - start )) s; results and console log in $results"

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  [ -n "$copy_to" ] && cp "$trx" "$copy_to/cgroup-v2-$(basename "$trx")"
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  n() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(n passed))); failed=$((failed + $(n failed))); skipped=$((skipped + $(n notExecuted)))
done
rc=$(cat "$results/rc" 2>/dev/null || echo 1)
[ "$rc" = 0 ] || [ "$failed" -gt 0 ] || failed=$((failed + 1)) # the guest failed outside the tests (no rc, a crash)
echo "$passed passed, $failed failed, $skipped skipped"
[ "$rc" = 0 ] && [ "$failed" -eq 0 ]
