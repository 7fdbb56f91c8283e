mkdir -p /c/bin /c/proc /c/root && cp -n /bin/busybox /c/bin/ && for a in sh ls ps cat echo hostname uname mount sleep; do ln -sf busybox /c/bin/$a; done
uname -r > /c/root/kernel.txt
unshare -fpmu chroot /c /bin/sh -c 'mount -t proc proc /proc; exec sleep 1000' </dev/null >/dev/null 2>&1 &
