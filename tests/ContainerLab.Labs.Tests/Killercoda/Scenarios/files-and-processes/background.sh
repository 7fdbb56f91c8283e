#!/bin/sh
# The log that logger.sh appends to, with a first line to recognise it by.
echo '# app.log: one line per second from logger.sh' > /root/app.log
