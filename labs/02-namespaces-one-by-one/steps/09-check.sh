#!/bin/sh
# Passes when /root/mystery.txt holds the hostname of the uts namespace this step's setup made.
pid=$(cat /run/lab-mystery.pid 2>/dev/null)
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
  echo "the step's mystery process is not running; reopen the step to start it again"
  exit 1
fi
want=$(nsenter -t "$pid" -U -u hostname 2>/dev/null)
[ -f /root/mystery.txt ] || { echo "/root/mystery.txt does not exist yet: nsenter -t $pid -U -u hostname > /root/mystery.txt"; exit 1; }
got=$(cat /root/mystery.txt)
if [ "$got" != "$want" ]; then
  echo "/root/mystery.txt says '$got'; the hostname in the namespace of pid $pid is another one"
  exit 1
fi
echo "right: pid $pid's uts namespace calls itself '$want', the sandbox '$(hostname)'"
