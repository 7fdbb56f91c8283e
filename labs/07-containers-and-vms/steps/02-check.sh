#!/bin/sh
# Passes when /root/vm.txt says whether the CPUs carry the hypervisor flag.
if grep -q -w hypervisor /proc/cpuinfo; then want=yes; else want=no; fi
[ -f /root/vm.txt ] || { echo "/root/vm.txt does not exist yet: yes or no"; exit 1; }
got=$(tr -d ' \n' < /root/vm.txt | tr 'A-Z' 'a-z')
if [ "$got" != "$want" ]; then
  echo "/root/vm.txt says '$got'; look for the hypervisor flag in /proc/cpuinfo again"
  exit 1
fi
if [ $want = yes ]; then echo "yes: the CPUs carry the hypervisor flag, this server is a guest of a hypervisor"
else echo "no: no hypervisor flag, this server runs on bare metal (or hides its hypervisor)"; fi
