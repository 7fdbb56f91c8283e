#!/bin/sh
# Passes when /root/kernel.txt holds the release of the running kernel.
[ -f /root/kernel.txt ] || { echo "/root/kernel.txt does not exist yet: run uname -r > /root/kernel.txt"; exit 1; }
[ "$(cat /root/kernel.txt)" = "$(uname -r)" ] || { echo "/root/kernel.txt says '$(cat /root/kernel.txt)', the kernel says '$(uname -r)'"; exit 1; }
echo "the sandbox runs on kernel $(uname -r): the server's own"
