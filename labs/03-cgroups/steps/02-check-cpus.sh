#!/bin/sh
# Passes when /root/cpus.txt holds quota / period (the CPU limit in CPUs), within 0.01.
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then
  set -- $(cat $cg/cpu.max); quota=$1; period=$2
else
  quota=$(cat $cg/cpu/cpu.cfs_quota_us); period=$(cat $cg/cpu/cpu.cfs_period_us)
fi
case $quota in max|-1) echo "this node has no CPU limit (quota $quota): nothing to compute"; exit 1;; esac
[ -f /root/cpus.txt ] || { echo "/root/cpus.txt does not exist yet: write quota / period into it (quota $quota, period $period)"; exit 1; }
got=$(tr -d ' \n' < /root/cpus.txt)
if awk -v got="$got" -v q="$quota" -v p="$period" 'BEGIN { d = got - q / p; exit !(got ~ /^[0-9.]+$/ && d < 0.01 && d > -0.01) }'; then
  echo "$quota us of CPU time per $period us: $got CPU"
  exit 0
fi
echo "/root/cpus.txt says '$got'; the quota is $quota us per period of $period us"
exit 1
