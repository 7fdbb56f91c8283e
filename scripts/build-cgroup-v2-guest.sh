#!/usr/bin/env bash
# Builds what scripts/test-cgroup-v2.sh boots: a QEMU guest on cgroup v2 only, to run the engine's tests on the
# layout most class servers have (systemd's unified hierarchy) while this machine is a v1 hybrid. The guest runs
# Debian 12's own kernel (its package downloaded with apt-get download and unpacked here; nothing goes into /boot),
# and its root is this machine's own, shared read-only over virtio-9p with a tmpfs on top (so the same .NET, crun,
# runc and build outputs, nothing installed). Made here:
#   vmlinux              the kernel as an ELF (PVH entry: no self-decompression, seconds under TCG)
#   initramfs.cpio.gz    busybox-static, the modules that reach the root (virtio over MMIO, 9p, overlay), the init
#   modules/RELEASE/     the kernel's whole module tree, shared into the guest as its /lib/modules (loop, veth, ...)
# Cached under /var/cache/containerlab/cgroup-v2-guest; a second run with the same kernel package does nothing.
#   sudo scripts/build-cgroup-v2-guest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${CONTAINERLAB_V2_GUEST_DIR:-/var/cache/containerlab/cgroup-v2-guest}"
mkdir -p "$dir"

source scripts/lib/debian-kernel.sh
package=$(debian_kernel_package)
built="$package $(cat scripts/build-cgroup-v2-guest.sh scripts/lib/debian-kernel.sh scripts/lib/cgroup-v2-guest/initramfs-init | sha256sum | cut -c1-16)"
if [ -s "$dir/vmlinux" ] && [ "$(cat "$dir/built" 2>/dev/null)" = "$built" ]; then
  echo "build-cgroup-v2-guest.sh: $built is built in $dir"
  exit 0
fi

work=$(mktemp -d /tmp/clab-v2-guest.XXXX)
trap 'rm -rf "$work"' EXIT
debian_kernel_fetch "$package" "$work"

# The initramfs: busybox, the init, and the modules that reach the root (virtio over MMIO, its disk, 9p, overlay,
# ext4 for the scratch disk), each after what it depends on.
root="$work/root"
mkdir -p "$root"/{bin,dev,proc,sys,lower,upper,newroot}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
debian_kernel_add_modules "$root" virtio_mmio virtio_blk 9pnet_virtio 9p overlay ext4 crc32c_generic
install -m 0755 scripts/lib/cgroup-v2-guest/initramfs-init "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initramfs.cpio.gz"
debian_kernel_vmlinux "$work" "$work/vmlinux"

rm -rf "$dir/modules" "$dir/vmlinux" "$dir/initramfs.cpio.gz"
mkdir -p "$dir/modules"
mv "$kernel_tree" "$dir/modules/$kernel_release"
mv "$work/vmlinux" "$work/initramfs.cpio.gz" "$dir/"
echo "$kernel_release" > "$dir/kernel-release"
echo "$built" > "$dir/built"
echo "build-cgroup-v2-guest.sh: kernel $kernel_release in $dir ($(du -sh "$dir" | cut -f1))"
