#!/bin/bash
# t cycles through every transport: each run restarts cleanly on the new
# one, reaches the kernel (a producer puts an item), and leaves nothing of
# the previous run behind; q at the end leaves nothing at all.
. "$(dirname "$0")/lib.sh"

mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"

# System V objects and POSIX names present now, one per line.
objects() {
	sysv_ids
	ls /dev/shm 2>/dev/null | grep '^ipcscope\.' || true
	if [[ -n ${IPCSCOPE_MQUEUE_DIR:-} ]]; then
		ls "$IPCSCOPE_MQUEUE_DIR" 2>/dev/null | grep '^ipcscope\.' || true
	fi
	ls "$IPCSCOPE_RUNDIR" 2>/dev/null | grep -v '^run\.' || true
}
# Transports with nothing named: their run leaves nothing to see go. (A
# POSIX queue shows only in an mqueue mount.)
unnamed=" pipe unix-stream unix-dgram "
[[ -n ${IPCSCOPE_MQUEUE_DIR:-} ]] || unnamed+="posix-mq "

tui_start 80 24 -n 2
for i in "${!names[@]}"; do
	name=${names[$i]}
	wait_for "\\($name\\)" || fail "header does not name $name"
	# One producer's first item, whatever the number of steps it takes:
	# the buffer panel's count says it is in. A FIFO's writer sleeps in
	# open until a reader comes, so then a consumer takes a step.
	n=0
	for k in 1 2 3 4 5 6 7 8; do
		if cap | grep -qE '^ +P1 .*BLOCKED'; then key=c; else key=p; fi
		n=$((n + 1))
		press $key $n || fail "$name: key $n ($key)"
		cap | grep -qE ' 1 of [0-9]+ ' && break
	done
	cap | grep -qE ' 1 of [0-9]+ ' || { cap >&2; fail "$name: no item in the buffer"; }
	before=$(comm -13 <(echo "$E2E_BASELINE") <(objects | sort) | grep . || true)
	[[ -n $before || $unnamed == *" $name "* ]] ||
	    fail "$name: no object of its run seen, so none could be seen to go"
	keys t
	next=${names[$(( (i + 1) % ${#names[@]} ))]}
	wait_for "\\($next\\)" || fail "t did not switch from $name to $next"
	settle
	# Whatever the old run had is gone: only objects made since remain.
	stale=$(comm -12 <(echo "$before" | sort) <(objects | sort) | grep . || true)
	[[ -z $stale ]] || fail "switching from $name left: $stale"
done
keys q
st=$(wait_exit) || fail "q did not quit"
[[ $st == 0 ]] || fail "q: exit $st"
assert_no_leftovers
echo "ok tui-transports: ${names[*]}"
