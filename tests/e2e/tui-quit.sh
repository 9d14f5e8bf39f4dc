#!/bin/bash
# q in the middle of an exchange (a worker asleep in semop, one holding the
# mutex) exits 0, restores the terminal, and leaves no object, run file or
# worker behind: the viewer's own work, as its workers are SIGSTOPped
# before q and a stopped worker cannot clean up.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 2 -p 2 -c 1
wait_for 'S T E P' || fail "no first frame"
n=0
for k in c c p p p; do		# C1 sleeps on full; a producer locks
	n=$((n + 1)); press $k $n || fail "key $n ($k)"
done
wait_for 'C1 .*BLOCKED' 1000 || fail "C1 not blocked"
pids=$(cap | awk '$1 ~ /^[PC][0-9]$/ && $2 ~ /^(producer|consumer)$/ {print $3}' | sort)
[[ $(echo $pids | wc -w) == 3 ]] || { cap >&2; fail "3 worker pids: $pids"; }
[[ $pids == "$(children "$(tui_pid)" | sort)" ]] ||
    fail "the screen shows pids $(echo $pids), the viewer's children are $(children "$(tui_pid)")"
# Stopped workers cannot clean up: what is gone after q, the viewer removed.
STOPPED=$pids
trap '[[ -n $STOPPED ]] && kill -CONT $STOPPED 2>/dev/null; e2e_cleanup' EXIT
stop_all $pids
keys q
st=$(wait_exit) || fail "q did not quit"
[[ $st == 0 ]] || fail "q: exit $st"
assert_screen_restored
assert_no_leftovers
for p in $pids; do
	[[ -e /proc/$p ]] && fail "worker $p outlived the viewer"
done
kill -CONT $pids 2>/dev/null
STOPPED=""
echo "ok tui-quit"
