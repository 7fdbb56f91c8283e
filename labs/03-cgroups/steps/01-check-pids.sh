#!/bin/sh
# Passes when /root/pids-limit.txt holds the sandbox's pids.max.
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then file=$cg/pids.max; else file=$cg/pids/pids.max; fi
want=$(cat $file)
[ -f /root/pids-limit.txt ] || { echo "/root/pids-limit.txt does not exist yet: cat $file > /root/pids-limit.txt"; exit 1; }
got=$(tr -d ' \n' < /root/pids-limit.txt)
if [ "$got" != "$want" ]; then
  echo "/root/pids-limit.txt says '$got'; $file says $want"
  exit 1
fi
echo "at most $want processes and threads, from $file"
