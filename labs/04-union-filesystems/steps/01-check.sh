#!/bin/sh
# Passes when /root/upperdir.txt holds the upperdir of the overlay mounted on /.
line=$(grep ' / / ' /proc/self/mountinfo)
case $line in *" - overlay "*) ;; *) echo "/ is not an overlay here: $line"; exit 1;; esac
want=$(printf '%s\n' "$line" | sed -n 's/.*upperdir=\([^,]*\).*/\1/p')
[ -f /root/upperdir.txt ] || { echo "/root/upperdir.txt does not exist yet: find upperdir= in the options of / in /proc/self/mountinfo"; exit 1; }
got=$(tr -d ' \n' < /root/upperdir.txt)
if [ "$got" != "$want" ]; then
  echo "/root/upperdir.txt says '$got'; the overlay on / has upperdir=$want"
  exit 1
fi
echo "the writable layer is $want on the host"
