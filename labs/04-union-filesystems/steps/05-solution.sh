unshare -Urm sh -c '
  mount -t tmpfs tmpfs /tmp && mkdir /tmp/lower /tmp/upper /tmp/work /tmp/merged
  echo "from the lower layer" > /tmp/lower/greeting; echo doomed > /tmp/lower/old
  mount -t overlay overlay -o lowerdir=/tmp/lower,upperdir=/tmp/upper,workdir=/tmp/work,userxattr /tmp/merged
  echo "changed in merged" >> /tmp/merged/greeting; rm /tmp/merged/old
  exec sleep 1000' </dev/null >/dev/null 2>&1 &
