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

package=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[ -n "$package" ] || { echo "build-cgroup-v2-guest.sh: apt-cache knows no linux-image-amd64; run apt-get update" >&2; exit 1; }
built="$package $(cat scripts/build-cgroup-v2-guest.sh scripts/lib/cgroup-v2-guest/initramfs-init | sha256sum | cut -c1-16)"
if [ -s "$dir/vmlinux" ] && [ "$(cat "$dir/built" 2>/dev/null)" = "$built" ]; then
  echo "build-cgroup-v2-guest.sh: $built is built in $dir"
  exit 0
fi

work=$(mktemp -d /tmp/clab-v2-guest.XXXX)
trap 'rm -rf "$work"' EXIT
echo "build-cgroup-v2-guest.sh: apt-get download $package"
(cd "$work" && apt-get download -o APT::Sandbox::User=root "$package" >/dev/null)
dpkg-deb -x "$work"/linux-image-*.deb "$work/kernel"
release=$(ls "$work/kernel/lib/modules")
tree="$work/kernel/lib/modules/$release"
# The package leaves modules.dep to its postinst: made here, so that modprobe works in the guest.
depmod -b "$work/kernel" "$release"

# The initramfs: busybox, the init, and the modules that reach the root, each after what it depends on.
root="$work/root"
mkdir -p "$root"/{bin,dev,proc,sys,lower,upper,newroot,lib/modules}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
: > "$root/lib/modules/order"
add_module() { # $1: path relative to the tree, as modules.dep names it
  local name
  name=$(basename "${1%.xz}")
  grep -qxF "$name" "$root/lib/modules/order" && return 0
  for dep in $(awk -F':' -v m="$1" '$1 == m { print $2 }' "$tree/modules.dep"); do add_module "$dep"; done
  case "$1" in
    *.xz) xz -dc "$tree/$1" > "$root/lib/modules/$name" ;;
    *) cp "$tree/$1" "$root/lib/modules/$name" ;;
  esac
  echo "$name" >> "$root/lib/modules/order"
}
for name in virtio_mmio virtio_blk 9pnet_virtio 9p overlay ext4 crc32c_generic; do
  path=$(awk -F':' -v n="/$name.ko" '{ p = $1; sub(/\.xz$/, "", p) } index(p, n) && substr(p, length(p) - length(n) + 1) == n { print $1; exit }' "$tree/modules.dep")
  [ -n "$path" ] && add_module "$path" # not there: built into this kernel
done
install -m 0755 scripts/lib/cgroup-v2-guest/initramfs-init "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initramfs.cpio.gz"

bzimage="$work/kernel/boot/vmlinuz-$release"
offset=$(LC_ALL=C grep -m1 -obUaP '\xfd7zXZ\x00' "$bzimage" | cut -d: -f1 || true)
[ -n "$offset" ] || { echo "build-cgroup-v2-guest.sh: $bzimage holds no xz stream" >&2; exit 1; }
tail -c +$((offset + 1)) "$bzimage" | xz -dcq > "$work/vmlinux" 2>/dev/null || true # trailing data after the stream
[ "$(head -c 4 "$work/vmlinux" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] || { echo "build-cgroup-v2-guest.sh: no ELF kernel in $bzimage" >&2; exit 1; }

rm -rf "$dir/modules" "$dir/vmlinux" "$dir/initramfs.cpio.gz"
mkdir -p "$dir/modules"
mv "$tree" "$dir/modules/$release"
mv "$work/vmlinux" "$work/initramfs.cpio.gz" "$dir/"
echo "$release" > "$dir/kernel-release"
echo "$built" > "$dir/built"
echo "build-cgroup-v2-guest.sh: kernel $release in $dir ($(du -sh "$dir" | cut -f1))"
