(echo 1000 > /proc/self/oom_score_adj; head -c 200m /dev/zero | tail >/dev/null 2>&1); echo $? > /root/hog-exit.txt
