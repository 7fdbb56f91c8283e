rm /bin/vi
