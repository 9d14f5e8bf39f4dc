#!/bin/bash
# The JSON's "state" on every transport: on every line it is what the rest
# of the line says (recomputed here from the buffer and the workers, in
# the man page's order: deadlock, full, empty, blocked, else partial); a
# producer stepped alone fills every transport's buffer (FULL) but the
# FIFO's, whose writer sleeps in open with the buffer EMPTY; a killed lock
# holder on posix-shm leaves a DEADLOCK, as on sysv-shm.
. "$(dirname "$0")/lib.sh"

expect='([.workers[] | select(.alive)]) as $l |
	if ($l | length) > 0 and all($l[]; .blocked) then "deadlock"
	elif .buffer.capacity > 0 and .buffer.count >= .buffer.capacity then "full"
	elif .buffer.capacity > 0 and .buffer.count == 0 then "empty"
	elif any($l[]; .blocked) then "blocked"
	else "partial" end'

# run NAME ARGS...: the run's lines in $E2E_TMP/NAME.jsonl, each line's
# state checked against the line.
run() {
	local out=$E2E_TMP/$1.jsonl bad
	shift
	"$IPCSCOPE" --headless --json "$@" >"$out" || fail "$*: exit $?"
	jfile "$out" "$*"
	bad=$(jq -c "select(.state != ($expect)) | [.step, .key, .state]" "$out")
	[[ -z $bad ]] || fail "$*: a state that its line does not bear out: $bad"
	jq -r 'select(.closing | not) | .state' "$out" | tail -n 1
}

p20=$(rep p 20)
mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"
for t in "${names[@]}"; do
	s=$(run "$t" -t "$t" -n 2 --keys "$p20")
	want=full
	[[ $t == fifo ]] && want=empty
	[[ $s == "$want" ]] || fail "$t: 20 producer steps leave the state $s, not $want"
done
jcheck "$E2E_TMP/fifo.jsonl" '.workers[0].blocked and .workers[0].wchan != ""' \
    "fifo: the writer is not asleep in open"

# The consumer drains sysv-msg: empty again, then it sleeps: empty still
# (empty comes before blocked), and the states went through partial.
s=$(run drain -t sysv-msg -n 2 --keys "pppppp$(rep c 10)")
[[ $s == empty ]] || fail "sysv-msg drained: $s"
jq -r .state "$E2E_TMP/drain.jsonl" | grep -qx partial || fail "sysv-msg: never partial"

s=$(run deadlock -t posix-shm -n 2 -p 2 --keys $'ppppppp\t\tkpccc')
[[ $s == deadlock ]] ||
    fail "posix-shm: the lock holder killed, the rest asleep: $s, not deadlock ($(jq -c 'select(.closing|not) | [.step, .key, .state, [.workers[] | [.phase, .alive, .blocked]]]' "$E2E_TMP/deadlock.jsonl" | tail -n 4))"
assert_no_leftovers
echo "ok headless-state"
