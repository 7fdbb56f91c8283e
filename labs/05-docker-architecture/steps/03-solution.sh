cap=$(awk '/^CapEff/ { print $2 }' /proc/1/status)
if [ $(( 0x$cap >> 21 & 1 )) = 1 ]; then echo yes; else echo no; fi > /root/sys-admin.txt
awk '/^Seccomp:/ { print $2 }' /proc/1/status > /root/seccomp.txt
