timeout 3 sh -c 'while :; do :; done' || true
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then
  awk '{ print $1 / $2 }' $cg/cpu.max > /root/cpus.txt
else
  awk '{ q = $1; getline p < "/sys/fs/cgroup/cpu/cpu.cfs_period_us"; print q / p }' $cg/cpu/cpu.cfs_quota_us > /root/cpus.txt
fi
