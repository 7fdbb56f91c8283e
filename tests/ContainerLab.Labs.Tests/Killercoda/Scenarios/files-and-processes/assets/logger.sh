#!/bin/sh
# Opens /root/app.log once, as file descriptor 3, and appends a line to it every second.
echo $$ > /root/logger.pid
exec 3>>/root/app.log
n=0
while true; do
  n=$((n + 1))
  echo "tick $n" >&3
  sleep 1
done
