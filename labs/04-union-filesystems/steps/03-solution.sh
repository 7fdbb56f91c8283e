rm -f /bin/vi
