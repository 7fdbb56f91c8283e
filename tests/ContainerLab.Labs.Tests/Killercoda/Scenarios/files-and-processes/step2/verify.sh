#!/bin/sh
# Passes when /root/fd.txt names the descriptor through which logger.sh writes /root/app.log.
pid=$(cat /root/logger.pid 2>/dev/null)
[ -s /root/fd.txt ] || { echo "/root/fd.txt is missing or empty: write the descriptor's number into it"; exit 1; }
fd=$(tr -d ' \n' < /root/fd.txt)
case "$fd" in ''|*[!0-9]*) echo "/root/fd.txt should hold a number, not '$fd'"; exit 1 ;; esac
target=$(readlink "/proc/$pid/fd/$fd" 2>/dev/null)
[ "$target" = /root/app.log ] || { echo "descriptor $fd of logger.sh is '${target:-not open}', not /root/app.log"; exit 1; }
echo "right: logger.sh writes app.log through descriptor $fd"
