#!/bin/sh
# Passes (in node1) when /root/node2-boot-id.txt holds the boot id of the kernel that runs node1.
want=$(cat /proc/sys/kernel/random/boot_id)
[ -f /root/node2-boot-id.txt ] || { echo "/root/node2-boot-id.txt does not exist yet in node1: bring node2's boot id over"; exit 1; }
got=$(tr -d ' \n' < /root/node2-boot-id.txt)
[ -n "$got" ] || { echo "/root/node2-boot-id.txt is empty: was nc listening in node2 when you connected?"; exit 1; }
[ "$got" = "$want" ] || { echo "/root/node2-boot-id.txt says '$got'; node1's kernel booted as $want. Two kernels? Copy the id again"; exit 1; }
echo "node2's boot id $got is node1's: the same kernel instance runs both"
