#!/bin/sh
# Passes when /root/memory-limit.txt holds the sandbox's memory limit in bytes (cgroup v2 memory.max or v1 memory.limit_in_bytes).
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then file=$cg/memory.max; else file=$cg/memory/memory.limit_in_bytes; fi
want=$(cat $file)
[ -f /root/memory-limit.txt ] || { echo "/root/memory-limit.txt does not exist yet: cat $file > /root/memory-limit.txt"; exit 1; }
got=$(tr -d ' \n' < /root/memory-limit.txt)
if [ "$got" != "$want" ]; then
  echo "/root/memory-limit.txt says '$got'; $file says $want"
  exit 1
fi
echo "memory limit $want bytes ($((want / 1048576)) MiB), from $file"
