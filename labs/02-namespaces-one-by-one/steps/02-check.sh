#!/bin/sh
# Passes when a process runs in a user namespace of its own whose uid_map maps uid 1000 to the sandbox's uid 0.
init=$(readlink /proc/1/ns/user)
seen=""
for d in /proc/[0-9]*; do
  ns=$(readlink "$d/ns/user" 2>/dev/null) || continue
  [ "$ns" = "$init" ] && continue
  map=$(awk 'NR == 1 { print $1, $2, $3 }' "$d/uid_map" 2>/dev/null)
  if [ "$map" = "1000 0 1" ]; then
    echo "pid ${d#/proc/} ($(cat "$d/comm" 2>/dev/null)) is uid 1000 in $ns, which is uid 0 of the sandbox: uid_map '1000 0 1'"
    exit 0
  fi
  seen="$seen pid ${d#/proc/} maps '$map';"
done
if [ -n "$seen" ]; then
  echo "user namespaces of your own:$seen this step wants uid 1000 mapped to 0 (unshare -U --map-user=1000 --map-group=1000 sh)"
else
  echo "no process is in a user namespace of its own: run unshare -U --map-user=1000 --map-group=1000 sh and stay in it"
fi
exit 1
