cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then
  cat $cg/memory.max > /root/memory-limit.txt
  cat $cg/pids.max > /root/pids-limit.txt
else
  cat $cg/memory/memory.limit_in_bytes > /root/memory-limit.txt
  cat $cg/pids/pids.max > /root/pids-limit.txt
fi
