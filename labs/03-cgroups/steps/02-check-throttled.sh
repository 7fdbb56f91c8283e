#!/bin/sh
# Passes when the cgroup was throttled in at least 5 more CFS periods than when the step began.
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then stat=$cg/cpu.stat; else stat=$cg/cpu/cpu.stat; fi
now=$(awk '$1 == "nr_throttled" { print $2 }' $stat)
before=$(cat /run/lab-throttled-before 2>/dev/null || echo 0)
if [ $((now - before)) -lt 5 ]; then
  echo "nr_throttled is $now, $((now - before)) more than when the step began: keep a CPU busy: bash -c 'time while [ \$SECONDS -lt 5 ]; do :; done'"
  exit 1
fi
echo "throttled in $((now - before)) periods since the step began ($stat nr_throttled $now)"
