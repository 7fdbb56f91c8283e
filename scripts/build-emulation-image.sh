#!/usr/bin/env bash
# Builds the `emulation` image (lab 09, other CPUs): busybox, Debian's qemu-aarch64-static, and one small program
# (scripts/lib/cpu-hello.c) built twice, for x86-64 (gcc) and for arm64 (Debian's cross compiler), as a rootfs tar
# cached in $dir, imported into the running containerlabd as "emulation".
#   sudo scripts/build-emulation-image.sh            # build (if not cached) and import
#   sudo scripts/build-emulation-image.sh --tar-only # only build $dir/emulation-image.tar (used by the tests)
#   CONTAINERLAB_EMULATION_DIR=/elsewhere scripts/build-emulation-image.sh
# qemu-user-static is downloaded and unpacked here, never installed: installing it registers its emulators in the
# host's binfmt_misc (systemd-binfmt reads /usr/lib/binfmt.d), and the lab registers one only inside a user namespace
# of the student's own.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${CONTAINERLAB_EMULATION_DIR:-/var/cache/containerlab/emulation}"
mkdir -p "$dir"

qemu=$(apt-cache policy qemu-user-static 2>/dev/null | awk '/Candidate:/ { print $2; exit }')
[ -n "$qemu" ] && [ "$qemu" != "(none)" ] || { echo "build-emulation-image.sh: apt-cache knows no qemu-user-static; run apt-get update" >&2; exit 1; }
command -v aarch64-linux-gnu-gcc >/dev/null || { echo "build-emulation-image.sh: aarch64-linux-gnu-gcc is missing: apt-get install gcc-aarch64-linux-gnu (scripts/install-deps.sh)" >&2; exit 1; }
[ -x /bin/busybox ] || { echo "build-emulation-image.sh: /bin/busybox is missing: apt-get install busybox-static" >&2; exit 1; }
# The key holds what the image is made from: another qemu, or a change to this script or the program, builds again.
built="qemu-user-static $qemu $(cat scripts/build-emulation-image.sh scripts/lib/cpu-hello.c | sha256sum | cut -c1-16)"
source scripts/lib/cached-image.sh
cached_image_is_built emulation "$dir" "$built" "${1:-}"

work=$(mktemp -d /tmp/clab-emulation.XXXX)
trap 'rm -rf "$work"' EXIT
echo "build-emulation-image.sh: apt-get download qemu-user-static $qemu (unpacked, not installed)"
# apt's sandbox user cannot write a root-owned mktemp directory: download as root, quietly.
(cd "$work" && apt-get download -o APT::Sandbox::User=root "qemu-user-static=$qemu" >/dev/null)
dpkg-deb -x "$work"/qemu-user-static_*.deb "$work/deb"
root="$work/root"
mkdir -p "$root/bin" "$root/usr/bin" "$root/opt/cpus" "$root/root" "$root/tmp" "$root/etc" "$root/proc" "$root/sys" "$root/dev"
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
done
install -m 0755 "$work/deb/usr/bin/qemu-aarch64-static" "$root/usr/bin/qemu-aarch64-static"
echo "build-emulation-image.sh: cpu-hello for x86-64 (gcc) and arm64 (aarch64-linux-gnu-gcc), static"
gcc -static -O2 -o "$root/opt/cpus/cpu-hello.x86_64" scripts/lib/cpu-hello.c
aarch64-linux-gnu-gcc -static -O2 -o "$root/opt/cpus/cpu-hello.arm64" scripts/lib/cpu-hello.c
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
tar -C "$root" -cf "$work/emulation-image.tar" .
cached_image_keep emulation "$dir" "$built" "$work/emulation-image.tar" "${1:-}"
