# A process with a hostname nobody told you, in a uts namespace (and the user namespace that owns it) of its own.
[ -f /run/lab-mystery.pid ] && kill "$(cat /run/lab-mystery.pid)" 2>/dev/null
name=mystery-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
unshare -Uru sh -c 'hostname "$1" && exec sleep 86400' sh "$name" </dev/null >/dev/null 2>&1 &
echo $! > /run/lab-mystery.pid
