# The solution runs in node1 only, so it cannot ask node2; it writes node1's boot id, which is node2's too: one kernel.
cat /proc/sys/kernel/random/boot_id > /root/node2-boot-id.txt
