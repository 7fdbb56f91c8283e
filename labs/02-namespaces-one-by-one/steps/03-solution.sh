unshare -Uru sh -c 'hostname lab; exec sleep 1000' </dev/null >/dev/null 2>&1 &
