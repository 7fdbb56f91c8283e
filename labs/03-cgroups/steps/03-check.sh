#!/bin/sh
# Passes when the pids controller refused at least one fork since the step began (pids.events max).
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then events=$cg/pids.events; else events=$cg/pids/pids.events; fi
now=$(awk '$1 == "max" { print $2 }' $events)
before=$(cat /run/lab-pids-refused-before 2>/dev/null || echo 0)
if [ "$now" -le "$before" ]; then
  echo "no fork was refused since the step began ($events: max $now); start more processes than pids.max allows"
  exit 1
fi
echo "the kernel refused $((now - before)) fork(s) at pids.max since the step began ($events: max $now)"
