#!/bin/bash
# k kills the selected worker while it holds the mutex: the screen marks it
# dead by SIGKILL, says it died holding the mutex, nattch drops by one, and
# the consumer that asks for the mutex next sleeps in semop for ever.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 4
wait_for 'S T E P' || fail "no first frame"
n=0
for k in p p p p p p c p p; do	# item 1 in; C1 attaches; P1 takes mutex
	n=$((n + 1)); press $k $n || fail "key $n ($k)"
done
wait_for 'nattch 3 +\(1 of them this viewer\)' 1000 || fail "nattch 3"
wait_for 'P1 .*holds mutex' 1000 || fail "P1 does not hold the mutex"
keys Tab
wait_for '^ *> P1' 1000 || fail "P1 not selected"
keys k
wait_for 'P1 .*DEAD: killed by SIGKILL' 2000 || fail "P1 not shown dead"
wait_for 'died holding mutex' 1000 || fail "the log does not say it held the mutex"
wait_for 'nattch 2 +\(1 of them this viewer\)' 1000 || fail "nattch did not drop"
press c $((n + 1)) || fail "c wait-full"
press c $((n + 2)) || fail "c lock"
wait_for 'C1 .*BLOCKED: mutex is 0' 1000 || fail "C1 not blocked on the dead mutex"
wait_for 'mutex 0 \(1 waiting\)' 1000 || fail "GETNCNT(mutex) not 1"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
echo "ok tui-kill"
