#!/bin/sh
# Passes when /root/hog-exit.txt holds 137, the status of a process killed by SIGKILL (128 + 9).
[ -f /root/hog-exit.txt ] || { echo "/root/hog-exit.txt does not exist yet: run the last command of this step"; exit 1; }
got=$(tr -d ' \n' < /root/hog-exit.txt)
if [ "$got" != 137 ]; then
  echo "/root/hog-exit.txt says '$got'; a process killed by the OOM killer exits with 137 (128 + SIGKILL's 9)"
  exit 1
fi
echo "137 = 128 + 9: tail was killed by SIGKILL"
