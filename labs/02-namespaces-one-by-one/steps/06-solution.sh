unshare -Urn sh -c 'ip link set lo up && exec sleep 1000' </dev/null >/dev/null 2>&1 &
