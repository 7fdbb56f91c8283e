cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then mem=$(cat $cg/memory.max); pids=$(cat $cg/pids.max)
else mem=$(cat $cg/memory/memory.limit_in_bytes); pids=$(cat $cg/pids/pids.max); fi
{
  echo "hostID=$(awk '{ print $2 }' /proc/self/uid_map)"
  echo "memory.limit=$mem"
  echo "pids.limit=$pids"
} > /root/config.txt
