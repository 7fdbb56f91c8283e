up=$(cut -d. -f1 /proc/uptime); start=$(( $(cut -d' ' -f22 /proc/1/stat) / 100 ))
echo $up > /root/kernel-uptime.txt; echo $((up - start)) > /root/sandbox-age.txt
