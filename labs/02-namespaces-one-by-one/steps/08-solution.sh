unshare -UrC sleep 1000 </dev/null >/dev/null 2>&1 &
