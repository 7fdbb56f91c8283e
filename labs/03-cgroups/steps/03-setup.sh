# Remember how many forks the pids controller had refused when the step began.
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then events=$cg/pids.events; else events=$cg/pids/pids.events; fi
awk '$1 == "max" { print $2 }' $events > /run/lab-pids-refused-before
