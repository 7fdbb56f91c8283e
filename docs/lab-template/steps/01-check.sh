#!/bin/sh
# Passes when /root/hello.txt holds the sandbox's hostname. Say what is wrong and what to do; on success, what it means.
[ -f /root/hello.txt ] || { echo "/root/hello.txt does not exist yet: hostname > /root/hello.txt"; exit 1; }
got=$(cat /root/hello.txt)
[ "$got" = "$(hostname)" ] || { echo "/root/hello.txt says '$got'; the hostname is '$(hostname)'"; exit 1; }
echo "/root/hello.txt holds the hostname, $(hostname)"
