#!/usr/bin/env bash
# The creation window: the viewer is killed with SIGKILL right after each
# call that makes something (tests/fault/fault.c, by LD_PRELOAD) — the
# object exists, nothing after the call ran. `ipcscope clean` must then
# find and remove every object, because each is named in the run file
# before it is made. Killed right after its first fork, the viewer leaves
# a worker that removes everything itself.
. "$(dirname "$0")/lib.sh"

FAULT=${IPCSCOPE%/*}/fault.so
[[ -f $FAULT ]] || fail "no fault injector at $FAULT (make $FAULT)"
# The sanitizer build wants its runtime first; ours is only a preload.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# transport:call, every creating call of every transport, the run file's
# own appearance (link) and the first fork.
cases=(sysv-shm:shmget sysv-shm:semget sysv-shm:link sysv-shm:fork
    posix-shm:shm_open posix-shm:fork sysv-msg:msgget sysv-msg:fork
    posix-mq:mq_open posix-mq:fork fifo:mkfifo fifo:fork pipe:link
    pipe:fork unix-stream:fork unix-dgram:link)

# Worker processes this story started, by the title they give themselves.
workers() { new_workers; }

n=0 left_before=0
for c in "${cases[@]}"; do
	t=${c%%:*} call=${c##*:}
	env LD_PRELOAD="$FAULT" IPCSCOPE_FAULT="$call" "$IPCSCOPE" --headless \
	    -t "$t" --keys p >"$E2E_TMP/out" 2>&1
	rc=$?
	(( rc == 137 )) || fail "$c: exit $rc, not killed after $call: $(cat "$E2E_TMP/out")"
	# A worker forked before the kill notices and cleans up: wait for it.
	d=$(( $(now_ms) + 5000 ))
	while [[ -n $(workers) ]]; do
		(( $(now_ms) > d )) && fail "$c: workers still there: $(workers)"
		sleep 0.01
	done
	[[ -n $(leftovers) ]] && left_before=$((left_before + 1))
	if [[ $call != fork ]]; then
		[[ -n $(leftovers) ]] || fail "$c: nothing left after the kill: the case proves nothing"
	fi
	"$IPCSCOPE" clean >"$E2E_TMP/clean" 2>&1 || fail "$c: clean exited $?"
	l=$(leftovers)
	[[ -z $l ]] || fail "$c: left after clean: $(echo $l); clean said: $(cat "$E2E_TMP/clean")"
	grep -q "left alone$" "$E2E_TMP/clean" ||
	    fail "$c: no summary line: $(cat "$E2E_TMP/clean")"
	n=$((n + 1))
done
echo "ok clean-faults: $n kills in the creation window, $left_before left objects, 0 after clean"
