#!/bin/sh
# Passes when a process is in a network namespace of its own whose loopback is up.
init=$(readlink /proc/1/ns/net)
seen=""
for d in /proc/[0-9]*; do
  ns=$(readlink "$d/ns/net" 2>/dev/null) || continue
  [ "$ns" = "$init" ] && continue
  pid=${d#/proc/}
  links=$(nsenter -t "$pid" -U -n ip -o link show 2>/dev/null || nsenter -t "$pid" -n ip -o link show 2>/dev/null)
  count=$(printf '%s\n' "$links" | grep -c .)
  if printf '%s\n' "$links" | grep -Eq '^[0-9]+: lo: <([^>]*,)?UP[,>]'; then
    echo "pid $pid ($(cat "$d/comm" 2>/dev/null)) is in $ns: $count interface(s), lo is up"
    exit 0
  fi
  seen="$seen pid $pid: lo is down;"
done
if [ -n "$seen" ]; then
  echo "network namespaces of your own:$seen bring it up with ip link set lo up"
else
  echo "no process is in a network namespace of its own: run unshare -Urn sh, then ip link set lo up, and stay in it"
fi
exit 1
