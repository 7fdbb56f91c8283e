#!/bin/sh
# Passes (in node1) when /root/libc.txt holds the image's glibc version.
want=$(getconf GNU_LIBC_VERSION 2>/dev/null)
[ -n "$want" ] || { echo "this node has no glibc; run the step in node1"; exit 1; }
[ -f /root/libc.txt ] || { echo "/root/libc.txt does not exist yet in node1: getconf GNU_LIBC_VERSION > /root/libc.txt"; exit 1; }
got=$(cat /root/libc.txt)
[ "$got" = "$want" ] || { echo "/root/libc.txt says '$got'; node1's C library is $want"; exit 1; }
echo "node1's image brings $want"
