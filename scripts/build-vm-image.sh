#!/usr/bin/env bash
# Builds the `vm` image, what a VM node runs: QEMU and the files it needs (its binary, the libraries ldd names, its
# firmware), in a root filesystem of their own, so that QEMU runs in a sandbox like any node's process and sees
# nothing else of the host; and in /vm of that image what the guest boots: Debian 12's own kernel, taken from its package (downloaded with apt-get download and
# unpacked here; nothing is installed into /boot), and an initramfs made of busybox-static, the few kernel modules the
# guest needs (virtio over MMIO and PCI, the console, the network) and the guest's init. Cached under
# /var/cache/containerlab/vm; a second run with the same kernel package and QEMU does nothing.
#   sudo scripts/build-vm-image.sh            # build (if not cached) and import into the running containerlabd as "vm"
#   sudo scripts/build-vm-image.sh --tar-only # only build $dir/vm-image.tar (used by the tests)
#   CONTAINERLAB_VM_DIR=/elsewhere scripts/build-vm-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${CONTAINERLAB_VM_DIR:-/var/cache/containerlab/vm}"
mkdir -p "$dir"

source scripts/lib/debian-kernel.sh
package=$(debian_kernel_package)
qemu=$(dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null) || { echo "build-vm-image.sh: qemu-system-x86 is not installed: scripts/install-deps.sh" >&2; exit 1; }
# The key also holds what this script and the guest's init are: a change to either builds again.
built="$package qemu $qemu $(cat scripts/build-vm-image.sh scripts/lib/debian-kernel.sh scripts/lib/vm-guest-init scripts/lib/vm-guest-agent.c | sha256sum | cut -c1-16)"
source scripts/lib/cached-image.sh
cached_image_is_built vm "$dir" "$built" "${1:-}"

work=$(mktemp -d /tmp/clab-vm-guest.XXXX)
trap 'rm -rf "$work"' EXIT
debian_kernel_fetch "$package" "$work"

# The guest's root: busybox and its applets, the init, and the modules in the order they must be loaded.
root="$work/root"
mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,root,etc,lib/modules}
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
# Virtio over MMIO (the microvm machine) and PCI, its console and its network card.
debian_kernel_add_modules "$root" virtio_mmio virtio_pci virtio_console virtio_net
install -m 0755 scripts/lib/vm-guest-init "$root/init"
# The guest's agent (exec for the host over a virtio-serial port), static: the guest has no C library.
gcc -static -Os -s -Wall -o "$root/bin/clab-agent" scripts/lib/vm-guest-agent.c
echo "$kernel_release" > "$root/etc/kernel-release"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initramfs.cpio.gz"
# The uncompressed kernel as well: QEMU boots an ELF vmlinux with a PVH entry note directly.
debian_kernel_vmlinux "$work" "$work/vmlinux"

# The runner's root: QEMU, every library it links (ldd), the loader, and its firmware (microvm's qboot, the pc
# machine's SeaBIOS), dereferenced: Debian links QEMU's firmware names into /usr/share/seabios.
runner="$work/runner"
mkdir -p "$runner"/{vm,tmp,dev,proc,sys}
binary=/usr/bin/qemu-system-x86_64
# Debian builds QEMU with loadable modules; TCG itself is one (accel-tcg-x86_64.so), loaded at start.
modules_dir=/usr/lib/x86_64-linux-gnu/qemu
accel="$modules_dir/accel-tcg-x86_64.so"
[ -e "$accel" ] || accel=""
for file in "$binary" $(ldd "$binary" ${accel:+"$accel"} | grep -o '/[^ ]*' | grep -v ':$' | sort -u) $accel; do
  mkdir -p "$runner$(dirname "$file")"
  cp -L "$file" "$runner$file"
done
mkdir -p "$runner/usr/share/qemu"
for rom in bios-microvm.bin bios-256k.bin bios.bin linuxboot_dma.bin kvmvapic.bin pvh.bin; do
  [ -e "/usr/share/qemu/$rom" ] && cp -L "/usr/share/qemu/$rom" "$runner/usr/share/qemu/"
done
mv "$work/vmlinux" "$runner/vm/vmlinux"
cp "$work/initramfs.cpio.gz" "$runner/vm/initramfs.cpio.gz"
echo "$kernel_release" > "$runner/vm/kernel-release"
tar -C "$runner" -cf "$work/vm-image.tar" .
echo "build-vm-image.sh: QEMU $qemu, kernel $kernel_release"
cached_image_keep vm "$dir" "$built" "$work/vm-image.tar" "${1:-}"
