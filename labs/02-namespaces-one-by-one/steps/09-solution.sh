nsenter -t "$(cat /run/lab-mystery.pid)" -U -u hostname > /root/mystery.txt
