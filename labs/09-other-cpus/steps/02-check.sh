#!/bin/sh
# Passes when /root/speed.txt holds a native and an emulated run of the same work, with the same checksum.
[ -f /root/speed.txt ] || { echo "/root/speed.txt does not exist yet"; exit 1; }
native=$(grep 'sorts on x86_64' /root/speed.txt | head -1)
emulated=$(grep 'sorts on aarch64' /root/speed.txt | head -1)
[ -n "$native" ] || { echo "/root/speed.txt has no line of the x86-64 build (/opt/cpus/cpu-hello.x86_64 work 20)"; exit 1; }
[ -n "$emulated" ] || { echo "/root/speed.txt has no line of the arm64 build run by qemu-aarch64-static"; exit 1; }
sum() { echo "$1" | sed -n 's/.*checksum \([0-9]*\).*/\1/p'; }
ms() { echo "$1" | sed -n 's/.*, \([0-9]*\) ms$/\1/p'; }
[ "$(sum "$native")" = "$(sum "$emulated")" ] || { echo "the checksums differ: did both do the same rounds?"; exit 1; }
echo "same checksum; natively $(ms "$native") ms, emulated $(ms "$emulated") ms"
