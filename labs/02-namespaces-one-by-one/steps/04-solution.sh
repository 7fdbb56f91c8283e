unshare -Urm sh -c 'mount -t tmpfs lab /mnt && echo hello > /mnt/note && exec sleep 1000' </dev/null >/dev/null 2>&1 &
