#!/bin/sh
# Runs in vm1 (through the guest's agent). Passes when a process runs with /c as its root in a pid namespace of its
# own (a container inside the VM) and /c/root/kernel.txt holds the VM's kernel release, as the container saw it.
release=$(uname -r)
init_pid_ns=$(readlink /proc/1/ns/pid)
found=""
for d in /proc/[0-9]*; do
  [ "$(readlink "$d/root" 2>/dev/null)" = /c ] || continue
  ns=$(readlink "$d/ns/pid" 2>/dev/null) || continue
  [ "$ns" != "$init_pid_ns" ] || continue
  found="${d#/proc/}"
  break
done
[ -n "$found" ] || { echo "no process in vm1 runs with /c as its root in a pid namespace of its own: start the container (unshare -fpmu chroot /c /bin/sh) and stay in it"; exit 1; }
[ -f /c/root/kernel.txt ] || { echo "the container is running (pid $found in vm1), but /root/kernel.txt in it does not exist yet: uname -r | tee /root/kernel.txt"; exit 1; }
saved=$(tr -d ' \n' < /c/root/kernel.txt)
[ "$saved" = "$release" ] || { echo "the container's /root/kernel.txt says '$saved', but vm1's kernel is $release"; exit 1; }
echo "a container in vm1 (pid $found, root /c) runs on vm1's kernel $release, not the server's: Docker Desktop's and WSL 2's arrangement"
