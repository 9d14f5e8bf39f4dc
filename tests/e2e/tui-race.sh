#!/bin/bash
# The race on the screen at 80x24: with --unsafe, two producers stepped
# in turn write slot 0 one after the other; the log says item 1 was
# written over and is lost, the header counts it, the slot shows item 2.
# Then two consumers both read slot 0: the log says item 2 is taken a
# second time. The same keys without --unsafe: no loss on the screen.
. "$(dirname "$0")/lib.sh"

for unsafe in --unsafe ""; do
	tui_start 80 24 $unsafe -p 2 -c 2
	wait_for 'S T E P' || fail "no first frame"
	n=0
	# attach, wait-empty, read in (lock), write: P2 and P1 in turn.
	for k in p p p p p p p p; do
		n=$((n + 1)); press $k $n || fail "key $n ($k)"
	done
	if [[ -n $unsafe ]]; then
		wait_for "^ *$n p: P[12] write slot i: item 2 goes into slot 0 over item 1, which no consumer" 1000 ||
		    fail "the log does not say item 2 went over item 1"
		wait_for '^ *took: item 1 is lost' 1000 || fail "the log does not say item 1 is lost"
		wait_for '^ipcscope .*lost 1, dup 0' 1000 || fail "the header does not count lost 1"
		wait_for '^ *2 P1 ' 1000 || fail "slot 0 does not show item 2 of P1"
	fi
	# Both store in and post full; the consumers attach, wait, read out
	# (lock) and read the slot in turn.
	for k in p p p p c c c c c c c c; do
		n=$((n + 1)); press $k $n || fail "key $n ($k)"
	done
	if [[ -n $unsafe ]]; then
		wait_for "^ *$n c: C[12] read slot i: item 2 comes out of slot 0, which was emptied before:" 1000 ||
		    fail "the log does not say the second consumer read slot 0 again"
		wait_for '^ *item 2 is taken a second time' 1000 ||
		    fail "the log does not say item 2 is taken twice"
	else
		settle || fail "the screen does not settle"
		if cap | grep -qE 'lost|second time|over item'; then
			cap >&2
			fail "the safe run shows a race"
		fi
	fi
	keys q
	st=$(wait_exit) || fail "q"
	[[ $st == 0 ]] || fail "exit $st"
	tui_stop
done
assert_no_leftovers
echo "ok tui-race"
