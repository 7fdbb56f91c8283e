uname -r > /root/kernel.txt
