dmesg | sed -n 's/^\[ *\([0-9.]*\)\] Run \/init.*/\1/p' > /root/boot-seconds.txt
