# Remember how many throttled periods the cgroup had when the step began.
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then stat=$cg/cpu.stat; else stat=$cg/cpu/cpu.stat; fi
awk '$1 == "nr_throttled" { print $2 }' $stat > /run/lab-throttled-before
