echo 'student:x:1000:1000:Student:/home/student:/bin/sh' >> /etc/passwd
