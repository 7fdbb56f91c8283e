/root/logger.sh > /dev/null 2>&1 &
