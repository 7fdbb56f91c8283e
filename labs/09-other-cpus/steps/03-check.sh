#!/bin/sh
# Passes when a process in a user namespace of its own sees an enabled qemu-aarch64 rule in its binfmt_misc instance,
# and the arm64 program, run in that process's namespaces, runs (by emulation) while it cannot run here.
init=$(readlink /proc/1/ns/user)
for d in /proc/[0-9]*; do
  pid=${d#/proc/}
  ns=$(readlink "$d/ns/user" 2>/dev/null) || continue
  [ "$ns" = "$init" ] && continue
  rule=$(nsenter -t "$pid" -U -m --preserve-credentials cat /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null) || continue
  echo "$rule" | grep -q '^enabled' || { echo "pid $pid's binfmt_misc has a qemu-aarch64 rule, but it is disabled"; exit 1; }
  ran=$(nsenter -t "$pid" -U -m --preserve-credentials /opt/cpus/cpu-hello.arm64 2>&1)
  case "$ran" in
    *"uname says this machine is aarch64"*) ;;
    *) echo "pid $pid has the rule, but the arm64 program did not run there: $ran"; exit 1 ;;
  esac
  if [ -f /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    echo "the node's own namespace has a qemu-aarch64 rule too: this step wants it only in a user namespace of your own"; exit 1
  fi
  echo "pid $pid ($(cat "$d/comm" 2>/dev/null)) in $ns: the kernel ran the arm64 program through qemu-aarch64-static; outside that namespace no rule exists"
  exit 0
done
echo "no process in a user namespace of its own has a qemu-aarch64 rule: run unshare -Urm sh, mount binfmt_misc, register, and stay in that shell"
exit 1
