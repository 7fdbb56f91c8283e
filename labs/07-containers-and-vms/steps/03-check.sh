#!/bin/sh
# Passes when /root/kernel-uptime.txt and /root/sandbox-age.txt were measured in the last 30 minutes: the kernel's
# uptime and the age of the sandbox's pid 1, in seconds.
up=$(cut -d. -f1 /proc/uptime); age=$(( up - $(cut -d' ' -f22 /proc/1/stat) / 100 ))
for f in kernel-uptime sandbox-age; do
  [ -f /root/$f.txt ] || { echo "/root/$f.txt does not exist yet: run the step's commands"; exit 1; }
done
k=$(tr -d ' \n' < /root/kernel-uptime.txt); s=$(tr -d ' \n' < /root/sandbox-age.txt)
case "$k$s" in *[!0-9]*|'') echo "the files should hold whole seconds; they say '$k' and '$s'"; exit 1;; esac
if [ "$k" -gt "$up" ] || [ "$k" -lt $((up - 1800)) ]; then
  echo "/root/kernel-uptime.txt says $k s; the kernel has been up $up s (the file should be from the last 30 minutes)"
  exit 1
fi
if [ "$s" -gt "$age" ] || [ "$s" -lt $((age - 1800)) ]; then
  echo "/root/sandbox-age.txt says $s s; pid 1 started $age s ago"
  exit 1
fi
echo "the kernel was up $k s when you looked; the sandbox $s s. Starting it booted nothing"
