#!/bin/sh
# Passes when some process is pid 1 of a pid namespace below the sandbox's (NSpid, read through the sandbox's /proc,
# lists its pid in the sandbox's namespace first, then in each namespace below).
for d in /proc/[0-9]*; do
  pids=$(awk '$1 == "NSpid:" { $1 = ""; print }' "$d/status" 2>/dev/null)
  set -- $pids
  if [ $# -ge 2 ] && eval "[ \"\${$#}\" = 1 ]"; then
    echo "pid $1 of the sandbox ($(cat "$d/comm" 2>/dev/null)) is pid 1 in $(readlink "$d/ns/pid"); NSpid: $pids"
    exit 0
  fi
done
echo "no process is pid 1 of a pid namespace of your own: run unshare -Urpf --mount-proc sh and stay in that shell"
exit 1
