#!/bin/sh
# Passes when a process is in an ipc namespace of its own that holds a System V object (shm, sem or msg).
init=$(readlink /proc/1/ns/ipc)
seen=""
for d in /proc/[0-9]*; do
  ns=$(readlink "$d/ns/ipc" 2>/dev/null) || continue
  [ "$ns" = "$init" ] && continue
  pid=${d#/proc/}
  # /proc/sysvipc lists the objects of the reader's ipc namespace: read it from inside.
  objects=$(nsenter -t "$pid" -U -i sh -c 'cat /proc/sysvipc/shm /proc/sysvipc/sem /proc/sysvipc/msg' 2>/dev/null |
    grep -vc '^ *key')
  if [ "${objects:-0}" -gt 0 ]; then
    echo "pid $pid ($(cat "$d/comm" 2>/dev/null)) is in $ns, which holds $objects IPC object(s) of its own"
    exit 0
  fi
  seen="$seen pid $pid: no objects;"
done
if [ -n "$seen" ]; then
  echo "ipc namespaces of your own:$seen make one there with ipcmk -M 4096"
else
  echo "no process is in an ipc namespace of its own: run unshare -Uri sh, then ipcmk -M 4096, and stay in that shell"
fi
exit 1
