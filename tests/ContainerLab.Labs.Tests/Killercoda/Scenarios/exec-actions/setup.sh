echo old > /tmp/old.log
