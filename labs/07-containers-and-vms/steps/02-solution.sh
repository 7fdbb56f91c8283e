if grep -q -w hypervisor /proc/cpuinfo; then echo yes; else echo no; fi > /root/vm.txt
