hostname > /root/hello.txt
