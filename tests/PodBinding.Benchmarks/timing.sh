# Shared by build-time.sh and compile-parts.sh (sourced, not run).

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

# The 1-, 5- and 15-minute load averages, printed beside each timing so a busy machine shows.
load() { cut -d' ' -f1-3 /proc/loadavg; }
