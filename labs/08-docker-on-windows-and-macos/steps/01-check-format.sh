#!/bin/sh
# Passes when /root/format.txt names the executable format whose magic busybox starts with (ELF).
magic=$(od -An -c -N 4 /bin/busybox | tr -d ' ')
[ "$magic" = '177ELF' ] || { echo "/bin/busybox does not start with ELF's magic here ($magic)"; exit 1; }
[ -f /root/format.txt ] || { echo "/root/format.txt does not exist yet: the three letters after 177"; exit 1; }
got=$(tr -d ' \n' < /root/format.txt | tr 'a-z' 'A-Z')
[ "$got" = ELF ] || { echo "/root/format.txt says '$got'; look at the first four bytes again"; exit 1; }
echo "ELF: the Executable and Linkable Format, what Linux's execve loads"
