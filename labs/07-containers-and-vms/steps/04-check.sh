#!/bin/sh
# Runs in vm1 (through the guest's agent). Passes when /root/boot-seconds.txt holds the guest kernel's time to /init,
# as its log says.
if [ ! -r /proc/version ] || ! dmesg >/dev/null 2>&1; then
  echo "this check runs in vm1, a VM with a kernel log of its own"; exit 1
fi
logged=$(dmesg | sed -n 's/^\[ *\([0-9.]*\)\] Run \/init.*/\1/p' | head -1)
[ -n "$logged" ] || { echo "the kernel's log has no 'Run /init' line (was it cleared?)"; exit 1; }
[ -f /root/boot-seconds.txt ] || { echo "/root/boot-seconds.txt does not exist yet in vm1: run the step's commands in vm1"; exit 1; }
saved=$(tr -d ' \n' < /root/boot-seconds.txt)
[ "$saved" = "$logged" ] || { echo "/root/boot-seconds.txt says '$saved'; the kernel logged that it ran /init at $logged s"; exit 1; }
echo "vm1's kernel ran its first process $logged s after it started; node1 booted nothing"
