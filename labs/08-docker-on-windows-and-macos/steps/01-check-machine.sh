#!/bin/sh
# Passes when /root/machine.txt holds busybox's e_machine (the 16-bit number at offset 18 of its ELF header).
want=$(od -An -tu2 -j 18 -N 2 /bin/busybox | tr -d ' \n')
[ -f /root/machine.txt ] || { echo "/root/machine.txt does not exist yet: od -An -tu2 -j 18 -N 2 /bin/busybox"; exit 1; }
got=$(tr -d ' \n' < /root/machine.txt)
[ "$got" = "$want" ] || { echo "/root/machine.txt says '$got'; busybox's e_machine is $want"; exit 1; }
case $want in 62) name="x86-64";; 183) name="arm64 (AArch64)";; *) name="machine $want";; esac
echo "e_machine $want: a program for $name, and the kernel runs on $(uname -m)"
