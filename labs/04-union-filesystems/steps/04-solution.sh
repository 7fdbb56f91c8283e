rm -r /usr/sbin && mkdir /usr/sbin
