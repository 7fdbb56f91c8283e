getconf GNU_LIBC_VERSION > /root/libc.txt
