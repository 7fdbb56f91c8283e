#!/bin/sh
# Passes when a process is in a mount namespace of its own that has a tmpfs on /mnt (and the sandbox's has none).
init=$(readlink /proc/1/ns/mnt)
if awk '$2 == "/mnt" { found = 1 } END { exit !found }' /proc/1/mounts; then
  echo "the sandbox's own mount namespace has a mount on /mnt: make it inside unshare -Urm sh instead (umount /mnt here)"
  exit 1
fi
others=0
for d in /proc/[0-9]*; do
  ns=$(readlink "$d/ns/mnt" 2>/dev/null) || continue
  [ "$ns" = "$init" ] && continue
  others=$((others + 1))
  if awk '$2 == "/mnt" && $3 == "tmpfs" { found = 1 } END { exit !found }' "$d/mounts" 2>/dev/null; then
    echo "pid ${d#/proc/} ($(cat "$d/comm" 2>/dev/null)) is in $ns, which has a tmpfs on /mnt; the sandbox's mount table has none"
    exit 0
  fi
done
if [ "$others" -gt 0 ]; then
  echo "$others process(es) in mount namespaces of your own, but none has a tmpfs on /mnt: mount -t tmpfs lab /mnt"
else
  echo "no process is in a mount namespace of its own: run unshare -Urm sh, mount -t tmpfs lab /mnt, and stay in that shell"
fi
exit 1
