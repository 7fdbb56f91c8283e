#!/bin/sh
# Passes when /root/machines.txt holds the e_machine of both builds, x86-64's first: what their ELF headers say.
want="$(od -A n -t u2 -j 18 -N 2 /opt/cpus/cpu-hello.x86_64) $(od -A n -t u2 -j 18 -N 2 /opt/cpus/cpu-hello.arm64)"
want=$(echo $want)
[ -f /root/machines.txt ] || { echo "/root/machines.txt does not exist yet"; exit 1; }
got=$(echo $(cat /root/machines.txt))
[ "$got" = "$want" ] || { echo "/root/machines.txt says '$got'; the ELF headers say '$want' (x86-64's first)"; exit 1; }
echo "e_machine $want: the same program, machine code for two different processors"
