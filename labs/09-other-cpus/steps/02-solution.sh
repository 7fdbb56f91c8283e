/opt/cpus/cpu-hello.x86_64 work 20 > /root/speed.txt
qemu-aarch64-static /opt/cpus/cpu-hello.arm64 work 20 >> /root/speed.txt
