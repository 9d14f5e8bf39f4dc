#!/bin/bash
# Step one producer until the buffer is full: its next semop(empty, -1)
# puts it to sleep, and the screen says BLOCKED on empty, as the kernel does.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 2
wait_for 'S T E P' || fail "no first frame"
# shmat, then per item: wait-empty, lock, write, unlock, post-full.
for n in $(seq 1 11); do
	press p $n || fail "step $n"
done
wait_for '2 of 2 slots full' || fail "buffer not full"
cap | grep -qF '[*1  2]' || { cap >&2; fail "OSTEP line"; }
press p 12 || fail "step 12"
wait_for 'P1 .*BLOCKED: empty is 0' || fail "P1 not blocked on empty"
wait_for 'empty 0 \(1 waiting\)' || fail "GETNCNT(empty) is not 1 on screen"
cap | grep -E 'P1 ' | grep -q 'semtimedop' || { cap >&2; fail "wchan"; }
cap | grep -q '1 blocked' || fail "blocked count"
# A producer key now grants nothing: permits never pile up.
keys p
wait_for 'nothing granted' || fail "a blocked producer was granted"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
echo "ok tui-full"
