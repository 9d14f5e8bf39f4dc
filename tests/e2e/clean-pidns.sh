#!/usr/bin/env bash
# PID namespaces: a live run whose viewer lives in another PID namespace
# (sharing this IPC namespace and the run directory) is left alone by
# clean, since its lock is held, whatever this namespace's /proc says;
# and a new run that gets the pid of a dead run cleans the dead run's
# file and objects first, then starts under the same name.
. "$(dirname "$0")/lib.sh"

set -m
OTHER="" ns=""
# The other run is stopped however we leave, even before we knew its pid
# (unshare's child is the namespace's sh, whose child it is).
trap '[[ -z $OTHER && -n $ns ]] && OTHER=$(children "$(children "$ns")")
    [[ -n $OTHER ]] && kill -TERM $OTHER 2>/dev/null; e2e_cleanup' EXIT

# 1. A live run in a PID namespace of its own, pid 2 there.
for t in sysv-shm posix-shm posix-mq fifo; do
	: >"$E2E_TMP/other"	# the last one's output must not count for this one
	unshare --pid --fork --mount-proc sh -c \
	    "\"$IPCSCOPE\" --headless --run --speed 9999 -t $t & wait" \
	    >"$E2E_TMP/other" 2>&1 &
	ns=$!
	d=$(( $(now_ms) + 5000 ))
	until [[ -s $E2E_TMP/other ]]; do
		kill -0 $ns 2>/dev/null ||
		    fail "$t: the other namespace's run ended at once: $(cat "$E2E_TMP/other")"
		(( $(now_ms) > d )) && fail "$t: the other namespace's run did not start"
		sleep 0.01
	done
	OTHER=$(pgrep -f -- "^$IPCSCOPE --headless --run --speed 9999 -t $t") ||
	    fail "$t: cannot find the other run"
	[[ -f $IPCSCOPE_RUNDIR/run.2 ]] ||
	    fail "$t: no run.2 (its pid there): $(ls "$IPCSCOPE_RUNDIR")"
	before=$(leftovers | sort)
	"$IPCSCOPE" clean >"$E2E_TMP/clean" 2>&1 || fail "clean exited $?"
	grep -q "^run 2: still running (its run file is locked), left alone$" \
	    "$E2E_TMP/clean" || fail "$t: clean said: $(cat "$E2E_TMP/clean")"
	[[ $(leftovers | sort) == "$before" ]] ||
	    fail "$t: clean removed something of a live run"
	grep -q "^1 run found, 0 cleaned, 0 objects removed, 1 left alone$" \
	    "$E2E_TMP/clean" || fail "$t: summary: $(tail -n 1 "$E2E_TMP/clean")"
	kill -TERM "$OTHER"
	d=$(( $(now_ms) + 5000 ))
	while kill -0 "$OTHER" 2>/dev/null; do
		(( $(now_ms) > d )) && fail "$t: the other run did not stop"
		sleep 0.01
	done
	OTHER="" ns=""
	wait
	d=$(( $(now_ms) + 5000 ))
	until [[ -z $(leftovers) ]]; do
		(( $(now_ms) > d )) && fail "$t: the other run left: $(leftovers)"
		sleep 0.01
	done
done

# 2. A reused pid, in a PID namespace where we choose the pids.
export E2E_TMP
unshare --pid --fork --mount-proc bash -c '
	set -m
	"$IPCSCOPE" --headless --run --speed 9999 -t posix-shm >"$E2E_TMP/dead" 2>&1 &
	pid=$!
	until [[ -s $E2E_TMP/dead ]]; do sleep 0.01; done
	kill -9 -- -"$pid"
	wait "$pid" 2>/dev/null
	ls /dev/shm >"$E2E_TMP/stale"
	echo "$pid" >"$E2E_TMP/pid"
	# The next fork gets $pid, unless something else forks first (a
	# reaper, a helper of the machine): then try again, a few times.
	for try in 1 2 3 4 5; do
		echo $((pid - 1)) >/proc/sys/kernel/ns_last_pid || exit 3
		"$IPCSCOPE" --headless -t posix-shm >"$E2E_TMP/new" 2>&1 &
		got=$!
		wait "$got" || exit 4
		[[ $got == "$pid" ]] && exit 0
		echo "try $try: the new run got pid $got, not $pid" >>"$E2E_TMP/tries"
	done
	exit 5
' || fail "the new run failed ($?): $(cat "$E2E_TMP/new" "$E2E_TMP/tries" 2>/dev/null)"
pid=$(cat "$E2E_TMP/pid")
grep -qx "ipcscope.$pid.buf" "$E2E_TMP/stale" ||
    fail "the dead run left no segment: the test proves nothing ($(cat "$E2E_TMP/stale"))"
grep -q "a dead run's file run.$pid was cleaned first: 1 object removed, 0 left alone" \
    "$E2E_TMP/new" || fail "the new run did not say it cleaned: $(cat "$E2E_TMP/new" \
    "$E2E_TMP/tries" 2>/dev/null); the run directory: $(ls -la "$IPCSCOPE_RUNDIR")"
assert_no_leftovers
echo "ok clean-pidns"
