#!/bin/sh
# Passes when a process's mount namespace has an overlay on /tmp/merged whose upperdir /tmp/upper holds a copied-up
# greeting and a whiteout for old (seen through /proc/PID/root, which resolves paths in that process's mounts).
init=$(readlink /proc/1/ns/mnt)
said="no process is in a mount namespace of its own: run unshare -Urm sh and follow the step"
for d in /proc/[0-9]*; do
  ns=$(readlink "$d/ns/mnt" 2>/dev/null) || continue
  [ "$ns" = "$init" ] && continue
  pid=${d#/proc/}
  if ! awk '$2 == "/tmp/merged" && $3 == "overlay" { found = 1 } END { exit !found }' "$d/mounts" 2>/dev/null; then
    said="pid $pid has a mount namespace of its own, but no overlay on /tmp/merged yet"
    continue
  fi
  upper=$d/root/tmp/upper
  if [ ! -f "$upper/greeting" ]; then
    said="the overlay of pid $pid is mounted; /tmp/upper has no greeting yet: append to /tmp/merged/greeting"
  elif [ ! -c "$upper/old" ]; then
    said="greeting is copied up; /tmp/upper has no whiteout for old yet: rm /tmp/merged/old"
  else
    echo "pid $pid's overlay on /tmp/merged: /tmp/upper holds greeting (copied up) and old ($(ls -l "$upper/old" | awk '{ print $1, $5, $6 }'), a whiteout)"
    exit 0
  fi
done
echo "$said"
exit 1
