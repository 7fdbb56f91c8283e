#!/bin/sh
# Passes when logger.sh runs and holds /root/app.log open.
pid=$(cat /root/logger.pid 2>/dev/null)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || { echo "logger.sh is not running: start it with /root/logger.sh > /dev/null 2>&1 &"; exit 1; }
for fd in /proc/"$pid"/fd/*; do
  [ "$(readlink "$fd")" = /root/app.log ] && { echo "logger.sh (pid $pid) has /root/app.log open"; exit 0; }
done
echo "logger.sh (pid $pid) runs but has not opened /root/app.log"
exit 1
