#!/usr/bin/env bash
# How stepped programs end, and that nothing is left stopped or traced: a
# call a signal interrupts ends as the program sees it (EINTR), its
# handler's own calls not taken for its end; a crash (SIGSEGV) reported
# with its signal; a program killed while stopped
# at a call's entry and one killed asleep in its call, each reported; a
# run ended by SIGTERM lets its program go (detached, still running, no
# tracer) or, with --kill, kills it, and says which.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/step.inc"

OUT=$E2E_TMP/out
ERR=$E2E_TMP/err
step_cc crash sleeper shm interrupted
cd "$E2E_TMP" || fail "no $E2E_TMP"

# The queues the sleeper made (the ids its msgget returned), removed.
remove_queues() {
	local id
	for id in $(jq -r 'select(.call == "msgget" and .asleep == null) | .ret' \
	    "$OUT"); do
		ipcrm -q "$id" 2>/dev/null
	done
}

# A failing check leaves no program or queue of ours behind.
step_cleanup() {
	local p
	for p in ${bg:-} ${shm:-} ${sleeper:-}; do
		kill -KILL "$p" 2>/dev/null
	done
	[[ -f $OUT ]] && remove_queues
	e2e_cleanup
}
trap step_cleanup EXIT

# A crash: its calls, then the signal.
"$IPCSCOPE" step --headless -- ./crash >"$OUT" 2>"$ERR"
rc=$?
(( rc == 0 )) || fail "crash: exit $rc, not 0: $(cat "$ERR")"
sfile "$OUT" "step crash"
[[ $(calls "$OUT") == "msgget msgctl" ]] || fail "crash calls: $(calls "$OUT")"
jq -e -s '[.[] | select(.event == "killed")] | length == 1 and
    .[0].signal == 11 and .[0].signame == "SIGSEGV"' "$OUT" >/dev/null ||
    fail "no SIGSEGV line: $(cat "$OUT")"
assert_untraced "$(sline "$OUT" msgget | jq -r .pid)"

# A msgrcv interrupted by SIGALRM (whose handler writes): -1 EINTR on its
# line; the next msgrcv given the child's message.
"$IPCSCOPE" step --headless -- ./interrupted >"$OUT" 2>"$ERR"
rc=$?
(( rc == 0 )) || fail "interrupted: exit $rc, not 0: $(cat "$ERR")"
sfile "$OUT" "step interrupted"
# (The alarm may come before the first is seen asleep: only the ends.)
got=$(jq -r 'select(.call == "msgrcv" and .asleep == null) |
    "\(.ret)/\(.errno)/\(.source.line)"' "$OUT" | tr '\n' ' ')
want="-1/EINTR/$(src_line interrupted eintr) 4/null/$(src_line interrupted late) "
[[ $got == "$want" ]] || fail "interrupted: msgrcv lines '$got', not '$want'"
# The child's msgsnd and the msgrcv it wakes return at once: either first.
[[ $(calls "$OUT" | tr ' ' '\n' | sort | tr '\n' ' ') == "msgctl msgget msgrcv msgrcv msgsnd " ]] ||
    fail "interrupted: calls '$(calls "$OUT")'"

# Two programs: keys step the sleeper (2) into its msgrcv, where it
# sleeps, and wait for it again: ./shm stays stopped at its shmget.
"$IPCSCOPE" step --headless --keys 222 -- ./shm -- ./sleeper >"$OUT" 2>"$ERR" &
bg=$!
wait_line "$OUT" '.call == "msgrcv" and .asleep == "do_msgrcv"'
sleeper=$(sline "$OUT" msgget | jq -r .pid)
shm=""
for p in $(children "$bg"); do
	[[ $(cat "/proc/$p/comm" 2>/dev/null) == shm ]] && shm=$p
done
[[ -n $shm ]] || fail "no ./shm under step $bg: $(children "$bg")"
st=$(awk '/^State:/ {print $2}' "/proc/$shm/status")
tr=$(awk '/^TracerPid:/ {print $2}' "/proc/$shm/status")
[[ $st == t && $tr == "$bg" ]] ||
    fail "./shm is not stopped at its call by step: state $st, tracer $tr"
kill -KILL "$shm"
wait_line "$OUT" ".event == \"killed\" and .pid == $shm and .signal == 9"
kill -KILL "$sleeper"
wait "$bg"
rc=$?
(( rc == 0 )) || fail "two programs killed: exit $rc, not 0: $(cat "$ERR")"
sfile "$OUT" "step two killed"
jq -e -s "[.[] | select(.event == \"killed\" and .signal == 9) | .pid] |
    sort == ([$shm, $sleeper] | sort)" "$OUT" >/dev/null ||
    fail "killed lines: $(jq -c 'select(.event)' "$OUT")"
[[ $(calls "$OUT") == msgget ]] || fail "calls: '$(calls "$OUT")', not msgget"
remove_queues

# SIGTERM: the sleeper let go, asleep and untraced; then with --kill.
for how in detach kill; do
	flag=--headless
	[[ $how == kill ]] && flag=--kill
	"$IPCSCOPE" step --headless $flag -- ./sleeper >"$OUT" 2>"$ERR" &
	bg=$!
	wait_line "$OUT" '.call == "msgrcv" and .asleep != null'
	sleeper=$(sline "$OUT" msgget | jq -r .pid)
	kill -TERM "$bg"
	wait "$bg"
	rc=$?
	(( rc == 128 + 15 )) || fail "$how: exit $rc after SIGTERM, not 143"
	sfile "$OUT" "step $how"
	jq -e -s '.[-1].why == "signal"' "$OUT" >/dev/null ||
	    fail "$how: closing line $(tail -n 1 "$OUT")"
	if [[ $how == detach ]]; then
		[[ $(cat "$ERR") == "pid $sleeper (sleeper) detached, still running" ]] ||
		    fail "detach: stderr '$(cat "$ERR")'"
		alive "$sleeper" || fail "the sleeper let go is not running"
		assert_untraced "$sleeper"
		kill -KILL "$sleeper"
	else
		[[ $(cat "$ERR") == "pid $sleeper (sleeper) killed" ]] ||
		    fail "kill: stderr '$(cat "$ERR")'"
		! alive "$sleeper" || fail "the sleeper still runs after --kill"
	fi
	remove_queues
done
assert_no_leftovers
exit 0
