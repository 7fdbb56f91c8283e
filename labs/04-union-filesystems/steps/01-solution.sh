grep ' / / ' /proc/self/mountinfo | sed -n 's/.*upperdir=\([^,]*\).*/\1/p' > /root/upperdir.txt
