#!/bin/sh
# Passes when a process is in a uts namespace of its own whose hostname is "lab".
init=$(readlink /proc/1/ns/uts)
seen=""
for d in /proc/[0-9]*; do
  ns=$(readlink "$d/ns/uts" 2>/dev/null) || continue
  [ "$ns" = "$init" ] && continue
  pid=${d#/proc/}
  # Joining needs the namespace's owner first: the uts namespace belongs to the user namespace made with it.
  name=$(nsenter -t "$pid" -U -u hostname 2>/dev/null || nsenter -t "$pid" -u hostname 2>/dev/null)
  if [ "$name" = "lab" ]; then
    echo "pid $pid ($(cat "$d/comm" 2>/dev/null)) is in $ns, where the hostname is 'lab'; the sandbox's is still '$(hostname)'"
    exit 0
  fi
  seen="$seen pid $pid sees '$name';"
done
if [ -n "$seen" ]; then
  echo "uts namespaces of your own:$seen this step wants the hostname 'lab' (hostname lab)"
else
  echo "no process is in a uts namespace of its own: run unshare -Uru sh, then hostname lab, and stay in that shell"
fi
exit 1
