# Sourced by scripts/build-vm-image.sh and scripts/build-cgroup-v2-guest.sh: Debian 12's own kernel for a QEMU guest,
# taken from its package (apt-get download, unpacked with dpkg-deb; nothing is installed into /boot).
#   debian_kernel_package                 prints the versioned package linux-image-amd64 depends on
#   debian_kernel_fetch PACKAGE WORK      unpacks it into WORK/kernel, makes modules.dep (the package leaves that to its
#                                         postinst); sets kernel_release and kernel_tree (WORK/kernel/lib/modules/RELEASE)
#   debian_kernel_add_modules ROOT NAME.. copies each module and what it depends on, in load order, into ROOT/lib/modules
#                                         (decompressed), their names in ROOT/lib/modules/order; a name not there is built in
#   debian_kernel_vmlinux WORK OUT        writes the ELF vmlinux inside the bzImage to OUT: QEMU enters it at its PVH
#                                         note, which skips the bzImage's self-decompression, seconds under TCG

debian_kernel_package() {
  local package
  package=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
  [ -n "$package" ] || { echo "debian-kernel.sh: apt-cache knows no linux-image-amd64; run apt-get update" >&2; return 1; }
  echo "$package"
}

debian_kernel_fetch() {
  local package="$1" work="$2"
  echo "debian-kernel.sh: apt-get download $package"
  (cd "$work" && apt-get download -o APT::Sandbox::User=root "$package" >/dev/null)
  dpkg-deb -x "$work"/linux-image-*.deb "$work/kernel"
  kernel_release=$(ls "$work/kernel/lib/modules")
  kernel_tree="$work/kernel/lib/modules/$kernel_release"
  depmod -b "$work/kernel" "$kernel_release"
}

# modules.dep lines are "path: dep dep ..." or, without dependencies, "path:" (no space: split on ':' alone).
_debian_kernel_add() { # $1: ROOT, $2: a path relative to the tree, as modules.dep names it
  local root="$1" path="$2" name dep
  name=$(basename "${path%.xz}")
  grep -qxF "$name" "$root/lib/modules/order" && return 0
  for dep in $(awk -F':' -v m="$path" '$1 == m { print $2 }' "$kernel_tree/modules.dep"); do _debian_kernel_add "$root" "$dep"; done
  case "$path" in
    *.xz) xz -dc "$kernel_tree/$path" > "$root/lib/modules/$name" ;;
    *) cp "$kernel_tree/$path" "$root/lib/modules/$name" ;;
  esac
  echo "$name" >> "$root/lib/modules/order"
}

debian_kernel_add_modules() {
  local root="$1" name path
  shift
  mkdir -p "$root/lib/modules"
  touch "$root/lib/modules/order"
  for name in "$@"; do
    path=$(awk -F':' -v n="/$name.ko" '{ p = $1; sub(/\.xz$/, "", p) } index(p, n) && substr(p, length(p) - length(n) + 1) == n { print $1; exit }' "$kernel_tree/modules.dep")
    if [ -n "$path" ]; then _debian_kernel_add "$root" "$path"; fi
  done
}

debian_kernel_vmlinux() {
  local work="$1" out="$2" bzimage offset
  bzimage="$work/kernel/boot/vmlinuz-$kernel_release"
  offset=$(LC_ALL=C grep -m1 -obUaP '\xfd7zXZ\x00' "$bzimage" | cut -d: -f1 || true)
  [ -n "$offset" ] || { echo "debian-kernel.sh: $bzimage holds no xz stream (the kernel is not xz-compressed)" >&2; return 1; }
  tail -c +$((offset + 1)) "$bzimage" | xz -dcq > "$out" 2>/dev/null || true # trailing data after the stream
  [ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] || { echo "debian-kernel.sh: no ELF kernel in $bzimage" >&2; return 1; }
}
