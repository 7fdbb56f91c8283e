#!/bin/sh
# Passes when /root/config.txt gives config.json's uidMappings hostID, resources.memory.limit and resources.pids.limit,
# as the sandbox can read them (uid_map, cgroup files).
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then mem=$(cat $cg/memory.max); pids=$(cat $cg/pids.max)
else mem=$(cat $cg/memory/memory.limit_in_bytes); pids=$(cat $cg/pids/pids.max); fi
host=$(awk 'NR == 1 { print $2 }' /proc/self/uid_map)
[ -f /root/config.txt ] || { echo "/root/config.txt does not exist yet: three lines, hostID=, memory.limit= and pids.limit="; exit 1; }
value() { sed -n "s/^$1=[[:space:]]*\([^[:space:]]*\).*/\1/p" /root/config.txt | head -n 1; }
wrong=""
[ "$(value hostID)" = "$host" ] || wrong="$wrong hostID is '$(value hostID)', but /proc/self/uid_map maps 0 to $host;"
[ "$(value memory.limit)" = "$mem" ] || wrong="$wrong memory.limit is '$(value memory.limit)', but the memory cgroup says $mem;"
[ "$(value pids.limit)" = "$pids" ] || wrong="$wrong pids.limit is '$(value pids.limit)', but pids.max says $pids;"
if [ -n "$wrong" ]; then
  echo "in /root/config.txt:$wrong"
  exit 1
fi
echo "uidMappings hostID $host, memory.limit $mem, pids.limit $pids: all three match"
