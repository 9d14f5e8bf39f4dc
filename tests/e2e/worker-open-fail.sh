#!/usr/bin/env bash
# A worker that cannot open the transport's objects fails the run: exit
# status 2, one line on stderr naming the worker and the call, no line on
# stdout for that step, and nothing left: no object, run file or worker.
# Headless and under the TUI (the terminal restored first), for every
# transport whose workers open something. The failure is injected with
# build/fault.so (EACCES in the worker's own open call, as umask 777 or a
# foreign owner would give).
. "$(dirname "$0")/lib.sh"

FAULT=$(dirname "$IPCSCOPE")/fault.so
[[ -f $FAULT ]] || fail "$FAULT is missing: make build/fault.so"
# The sanitizer build wants its runtime first; fault.so is preloaded.
export ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
OUT=$E2E_TMP/out
ERR=$E2E_TMP/err
n=0

# No worker this story started is left running.
assert_no_workers() {
	local w
	w=$(new_workers)
	[[ -z $w ]] || fail "$1: workers left: $(ps -o pid=,args= -p "$(echo $w | tr ' ' ,)")"
}

# The one line: "ipcscope: P1 could not open the queue: mq_open(...): ...".
check_line() {
	local what=$1 line=$2 who=$3 call=$4
	[[ $line == "ipcscope: $who could not open "*": $call("*"): Permission denied"* ]] ||
	    fail "$what: not the line naming $who and $call(): '$line'"
}

# headless TRANSPORT CALL KEYS WHO STDOUT-LINES [MATCH]: the call fails in
# WHO's role only (fault.so matches the worker's process name).
headless() {
	local t=$1 call=$2 keys=$3 who=$4 lines=$5 match=${6:-} rc comm
	comm=ipcscope-prod
	[[ $who == C* ]] && comm=ipcscope-cons
	n=$((n + 1))
	env LD_PRELOAD="$FAULT" IPCSCOPE_FAULT="$call:EACCES" \
	    IPCSCOPE_FAULT_WHO=worker IPCSCOPE_FAULT_COMM=$comm \
	    ${match:+IPCSCOPE_FAULT_MATCH=$match} \
	    "$IPCSCOPE" -t "$t" --headless --keys "$keys" >"$OUT" 2>"$ERR" \
	    </dev/null
	rc=$?
	(( rc == 2 )) || fail "$t --keys $keys: exit $rc, not 2: $(cat "$ERR")"
	(( $(wc -l <"$ERR") == 1 )) ||
	    fail "$t --keys $keys: $(wc -l <"$ERR") lines on stderr: $(cat "$ERR")"
	check_line "$t --keys $keys" "$(cat "$ERR")" "$who" "$call"
	# One line per key that went well; none for the failed step.
	(( $(wc -l <"$OUT") == lines )) ||
	    fail "$t --keys $keys: $(wc -l <"$OUT") lines on stdout, not $lines: $(cat "$OUT")"
	grep -q 'to sleep' "$OUT" && fail "$t: a failed worker shown asleep: $(cat "$OUT")"
	assert_no_leftovers
	assert_no_workers "$t"
}

# The first key fails P1; later keys fail C1 after P1 has done a step.
headless sysv-shm shmat p P1 0
headless sysv-shm shmat pc C1 1
headless posix-shm shm_open p P1 0
headless posix-shm shm_open ppc C1 2
headless sysv-msg msgget p P1 0
headless sysv-msg msgget pc C1 1
headless posix-mq mq_open p P1 0
headless posix-mq mq_open pc C1 1
# A FIFO worker opens /dev/null too: only the FIFO's open fails.
headless fifo open p P1 0 .fifo
headless fifo open c C1 0 .fifo
# Run mode: the failure stops a timed run as well.
n=$((n + 1))
env LD_PRELOAD="$FAULT" IPCSCOPE_FAULT=mq_open:EACCES IPCSCOPE_FAULT_WHO=worker \
    "$IPCSCOPE" -t posix-mq --headless --run --speed 10 --steps 50 \
    >"$OUT" 2>"$ERR" </dev/null
rc=$?
(( rc == 2 )) || fail "--run: exit $rc, not 2: $(cat "$ERR")"
(( $(wc -l <"$ERR") == 1 )) || fail "--run: stderr: $(cat "$ERR")"
[[ $(cat "$ERR") == "ipcscope: "[PC]1" could not open the queue: mq_open("* ]] ||
    fail "--run: $(cat "$ERR")"
assert_no_leftovers
assert_no_workers "--run"

# The TUI: the key that fails, then the line after the screen is gone.
tui() {
	local t=$1 call=$2 key=$3 who=$4 match=${5:-} st line
	n=$((n + 1))
	IPCSCOPE="env LD_PRELOAD=$FAULT IPCSCOPE_FAULT=$call:EACCES IPCSCOPE_FAULT_WHO=worker ${match:+IPCSCOPE_FAULT_MATCH=$match} ASAN_OPTIONS=$ASAN_OPTIONS $IPCSCOPE" \
	    tui_start 80 24 -t "$t"
	wait_for 'S T E P' || fail "tui $t: no first frame"
	keys "$key"
	st=$(wait_exit) || fail "tui $t: the run did not end"
	[[ $st == 2 ]] || { cap >&2; fail "tui $t: exit $st, not 2"; }
	assert_screen_restored
	line=$(cap -J -S - | grep '^ipcscope: ')
	[[ $(grep -c . <<<"$line") == 1 ]] || { cap >&2; fail "tui $t: not one line"; }
	check_line "tui $t" "$line" "$who" "$call"
	"${T[@]}" kill-session -t t
	assert_no_leftovers
	assert_no_workers "tui $t"
}

tui sysv-shm shmat p P1
tui posix-shm shm_open c C1
tui sysv-msg msgget p P1
tui posix-mq mq_open c C1
tui fifo open p P1 .fifo
echo "$n runs: each exit 2, one line naming the worker and its call, nothing left"
exit 0
