/root/forks.pl 100; echo "forks.pl exit $?"
