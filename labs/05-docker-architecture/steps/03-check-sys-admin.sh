#!/bin/sh
# Passes when /root/sys-admin.txt says whether bit 21 (CAP_SYS_ADMIN) of pid 1's CapEff is set.
cap=$(awk '/^CapEff/ { print $2 }' /proc/1/status)
if [ $(( 0x$cap >> 21 & 1 )) = 1 ]; then want=yes; else want=no; fi
[ -f /root/sys-admin.txt ] || { echo "/root/sys-admin.txt does not exist yet: yes or no"; exit 1; }
got=$(tr -d ' \n' < /root/sys-admin.txt | tr 'A-Z' 'a-z')
if [ "$got" != "$want" ]; then
  echo "/root/sys-admin.txt says '$got'; look at bit 21 of CapEff $cap again"
  exit 1
fi
echo "CapEff $cap: bit 21 is $( [ $want = yes ] && echo set || echo clear ), so CAP_SYS_ADMIN is $( [ $want = yes ] && echo held || echo not held )"
