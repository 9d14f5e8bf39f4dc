#!/bin/bash
# One item in, one item out, then the consumer's semop(full, -1) sleeps:
# the screen says BLOCKED on full and GETNCNT(full) is 1.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 2
wait_for 'S T E P' || fail "no first frame"
for n in $(seq 1 6); do press p $n || fail "p $n"; done
wait_for '1 of 2 slots full' || fail "no item"
# shmat, wait-full, lock, read, unlock, post-empty.
for n in $(seq 7 12); do press c $n || fail "c $n"; done
wait_for '0 of 2 slots full' || fail "item not taken"
press c 13 || fail "c 13"
wait_for 'C1 .*BLOCKED: full is 0' || fail "C1 not blocked on full"
wait_for 'full 0 \(1 waiting\)' || fail "GETNCNT(full) is not 1 on screen"
cap | grep -qF '[ ---  ---]' && { cap >&2; fail "OSTEP markers missing"; }
cap | grep -qF '[ --- *---]' || { cap >&2; fail "OSTEP line"; }
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
echo "ok tui-empty"
