#!/bin/sh
# Passes when /root/seccomp.txt holds pid 1's seccomp mode.
want=$(awk '/^Seccomp:/ { print $2 }' /proc/1/status)
[ -f /root/seccomp.txt ] || { echo "/root/seccomp.txt does not exist yet: the number on the Seccomp line of /proc/1/status"; exit 1; }
got=$(tr -d ' \n' < /root/seccomp.txt)
if [ "$got" != "$want" ]; then
  echo "/root/seccomp.txt says '$got'; /proc/1/status says Seccomp: $want"
  exit 1
fi
case $want in 2) echo "Seccomp 2: a filter judges every system call of the sandbox";; *) echo "Seccomp $want";; esac
