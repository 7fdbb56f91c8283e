#!/usr/bin/env bash
# Installs the Debian packages ContainerLab needs, once. Run as root on Debian 12.
#   runtime: crun, runc (OCI runtimes), tini (tini-static: every sandbox's pid 1), busybox-static (the built-in image), iproute2 + util-linux (networks, namespaces),
#            e2fsprogs (mkfs.ext4: each sandbox's disk image)
#   VMs:     qemu-system-x86 (VM nodes), kmod + cpio + xz-utils (scripts/build-vm-image.sh: the guest's modules and initramfs)
#   CPUs:    gcc-aarch64-linux-gnu (scripts/build-emulation-image.sh: lab 9's arm64 program; qemu-user-static is only
#            downloaded by that script, never installed, so the host's binfmt_misc is never touched)
#   images:  mmdebstrap (the debian image), umoci + skopeo (OCI layouts and docker archives, used by tests)
#   web:     nodejs + npm (the front-end assets are built with npm ci from wwwroot-assets/)
#   tests:   gcc + libc6-dev (the static syscall probe run inside sandboxes), chromium (end-to-end tests; never a downloaded browser),
#            systemd (systemd-analyze verify checks the units of scripts/install-systemd.sh, also where systemd is not PID 1),
#            postgresql (the web's tests run a second time against a PostgreSQL server of their own: scripts/lib/postgres-test-server.sh)
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "install-deps.sh: run as root (sudo)" >&2; exit 1; }

packages=(crun runc tini busybox-static iproute2 util-linux e2fsprogs qemu-system-x86 kmod cpio xz-utils gcc-aarch64-linux-gnu mmdebstrap umoci skopeo gcc libc6-dev ca-certificates chromium systemd postgresql)
# A newer Node.js from elsewhere is fine; Debian's otherwise.
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps.sh: installing ${#missing[@]} package(s): ${missing[*]}"
  # apt's own progress stays visible (one line per package fetched, unpacked, set up): a first install takes minutes.
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  echo "install-deps.sh: the ${#packages[@]} Debian packages are installed"
fi

# Members of this group may use containerlabd's socket (mode 0660), e.g. the unprivileged web tier.
getent group containerlab >/dev/null || groupadd --system containerlab

if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "install-deps.sh: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  exit 1
fi
