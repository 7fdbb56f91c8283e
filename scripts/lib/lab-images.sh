# Sourced by scripts/run.sh and scripts/install-systemd.sh: makes every image the labs in LABS_DIR name that the
# running daemon lacks. The list comes from `clabctl labs images --missing`, which reads the lab files with the same
# loader as the web, so what is prepared is what students' nodes will ask for.
#   prepare_lab_images LABS_DIR   (CONTAINERLAB_SOCKET names the daemon; phases.sh must be sourced)

prepare_lab_images() {
  local labs_dir="$1" missing image labs
  missing=$(./clabctl labs images --missing "$labs_dir") || return
  [ -n "$missing" ] || { echo "==> images: every image the labs in $labs_dir need is there"; return 0; }
  while IFS=$'\t' read -r image labs; do
    case "$image" in
      debian:latest)
        phase "image debian (for lab(s) $labs): mmdebstrap a minbase Debian 12 (or the cached tar), import" scripts/build-debian-image.sh || return ;;
      vm:latest)
        phase "image vm (VM nodes of lab(s) $labs): QEMU, Debian's kernel and a busybox guest" scripts/build-vm-image.sh || return ;;
      emulation:latest)
        phase "image emulation (for lab(s) $labs): busybox, qemu-aarch64-static and a program built for x86-64 and arm64" scripts/build-emulation-image.sh || return ;;
      busybox:latest)
        # The daemon builds busybox from the host's busybox-static when it starts; missing means that failed.
        echo "lab(s) $labs need busybox, which containerlabd makes from /bin/busybox at start: install busybox-static (scripts/install-deps.sh) and restart it" >&2
        return 1 ;;
      *)
        echo "lab(s) $labs need the image $image, which no script here can build: import it with" \
          "'clabctl images import --name $image ARCHIVE' (an OCI layout, a docker save tar or a rootfs tar), or change the lab" >&2
        return 1 ;;
    esac
  done <<<"$missing"
}
