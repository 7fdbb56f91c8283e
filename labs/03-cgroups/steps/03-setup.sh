# Remember how many forks the pids controller had refused when the step began.
cg=/sys/fs/cgroup
if [ -f $cg/cgroup.controllers ]; then events=$cg/pids.events; else events=$cg/pids/pids.events; fi
awk '$1 == "max" { print $2 }' $events > /run/lab-pids-refused-before

# The step's program: N children alive at once, whatever the speed of the machine (see the step's text).
cat > /root/forks.pl <<'PERL'
#!/usr/bin/perl
# forks.pl N: fork N children that all stay alive until every fork has been tried, then let them go and collect
# them. Prints what fork() answered; exits 1 when the kernel refused one.
use strict;
use warnings;
$| = 1;                                  # print at once: a child must not inherit unprinted output
my $wanted = shift // 100;
pipe(my $gate, my $open) or die "pipe: $!\n";
my ($started, $refused) = (0, 0);
for my $n (1 .. $wanted) {
    my $pid = fork;
    if (!defined $pid) {                 # fork(2) returned -1; $! is errno
        print "fork number $n failed: $!\n";
        $refused = 1;
        last;
    }
    if ($pid == 0) {                     # the child: wait at the gate until the parent closes it
        close $open;
        sysread $gate, my $byte, 1;
        exit 0;
    }
    $started++;
}
print "$started children alive at once\n";
close $open;                             # open the gate: every child reads end-of-file and exits
1 while wait != -1;                      # collect them, so that their pids are free again
exit $refused;
PERL
chmod +x /root/forks.pl
