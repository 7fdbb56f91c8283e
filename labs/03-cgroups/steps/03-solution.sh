bash -c 'for i in $(seq 100); do sleep 3 </dev/null >/dev/null 2>&1 & done; wait'; echo "bash exit $?"
