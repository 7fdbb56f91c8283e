#!/bin/sh
# Passes when app.log was deleted while logger.sh kept it open, and its data was saved as /root/recovered.log.
pid=$(cat /root/logger.pid 2>/dev/null)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || { echo "logger.sh is not running any more: start it again (step 1)"; exit 1; }
[ ! -e /root/app.log ] || { echo "/root/app.log still exists: remove it with rm /root/app.log"; exit 1; }
[ -s /root/recovered.log ] || { echo "/root/recovered.log is missing or empty: copy the data out of /proc/$pid/fd"; exit 1; }
head -n 1 /root/recovered.log | grep -q '^# app.log' || { echo "/root/recovered.log does not start the way app.log did"; exit 1; }
echo "recovered $(wc -l < /root/recovered.log) line(s) of a file that has no name any more"
