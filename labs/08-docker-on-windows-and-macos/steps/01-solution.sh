echo ELF > /root/format.txt
od -An -tu2 -j 18 -N 2 /bin/busybox > /root/machine.txt
