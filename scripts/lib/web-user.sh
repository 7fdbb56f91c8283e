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

# wait_for_web LISTEN CHECK...: waits until the web accepts connections on LISTEN's host and port (it migrates its
# database and writes the first instructor's link before it listens), while CHECK (a command) succeeds, at most 120 s.
wait_for_web() {
  local listen=$1; shift
  local hostport=${listen#*://}; hostport=${hostport%%/*}
  local host=${hostport%:*} port=${hostport##*:} started=$SECONDS
  case "$host" in 0.0.0.0|'*'|+|'[::]') host=127.0.0.1 ;; esac
  until (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
    "$@" || { echo "ContainerLab.Web ended before it listened; its messages are above (or in its journal)" >&2; return 1; }
    [ $((SECONDS - started)) -lt 120 ] || { echo "ContainerLab.Web did not listen on $listen within 120 s" >&2; return 1; }
    sleep 0.2
  done
}

# print_first_instructor_link DATA LISTEN: while no instructor exists the web keeps a one-time link in DATA; print it.
print_first_instructor_link() {
  [ -f "$1/first-instructor-link" ] || return 0
  echo "No instructor account exists yet. Create the first one (this link works once; a restart of the web makes a new one):"
  echo "    ${2%/}$(cat "$1/first-instructor-link")"
}
