# Sourced by scripts/run.sh and scripts/install-systemd.sh: the unprivileged user the web runs as, in the group that
# may use containerlabd's socket (install-deps.sh creates the group), and its data directory (lab progress, keys/).
#   ensure_web_user; ensure_web_data_directory DIR

ensure_web_user() {
  getent group containerlab >/dev/null || groupadd --system containerlab
  id containerlab >/dev/null 2>&1 || useradd --system --gid containerlab --no-create-home --shell /usr/sbin/nologin containerlab
}

ensure_web_data_directory() {
  install -d -o containerlab -g containerlab -m 0750 "$1"
}
