#!/usr/bin/env bash
# --undo on sysv-shm: k on the lock holder gives the mutex back. Headless:
# the sentence says the kernel undid the semop, with GETVAL before and
# after, and the JSON's mutex is 1; with a second producer asleep on the
# mutex the kernel hands it over at once (GETNCNT 1, then 0) and P1 wakes
# holding it. Without --undo the mutex stays 0 and P1 sleeps on. On the
# screen at 80x24 (recording): after k the log says it, and the mutex's
# value is read at the same moment from ipcs -s -i ID and from the
# recording's JSON: 1 with --undo, 0 without.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

OUT=$E2E_TMP/out.json
# P1 attaches, takes an empty slot and the mutex; k kills it.
"$IPCSCOPE" --headless --json --undo --keys pppk >"$OUT" ||
    fail "undo run failed"
jcheck_at "$OUT" 3 '.workers[0].holds == "mutex" and
    .kernel.sem.values.mutex == 0 and .facts[0].phase == "lock-undo" and
    .facts[0].call == "semop(mutex, -1, SEM_UNDO)"' \
    "P1 does not hold the mutex taken with SEM_UNDO"
jcheck_at "$OUT" 4 '.kernel.sem.values.mutex == 1 and
    (.event | test("It died holding mutex, taken with SEM_UNDO: the kernel undid its semop\\(mutex, -1\\) as it exited \\(semctl GETVAL 0 before the kill, 1 now\\)"))' \
    "after k the mutex is not 1, or the log does not say the kernel undid it"
"$IPCSCOPE" --headless --json --keys pppk >"$OUT" || fail "plain run failed"
jcheck_at "$OUT" 4 '.kernel.sem.values.mutex == 0 and
    (.event | test("nobody will ever release it"))' \
    "without --undo the mutex is not left at 0"

# P2 holds the mutex, P1 sleeps on it; tab tab selects P2.
keys2=$'pppppp\t\tkp'
"$IPCSCOPE" --headless --json --undo -p 2 --keys "$keys2" >"$OUT" ||
    fail "undo run with a waiter failed"
jcheck_at "$OUT" 6 '.kernel.sem.waiting.mutex == 1 and
    ([.workers[] | select(.blocked) | .phase] == ["lock-undo"])' \
    "no producer asleep on the mutex"
jcheck_at "$OUT" 9 '(.event | test("undid its semop\\(mutex, -1\\) as it exited and at once gave mutex to a process waiting for it \\(semctl GETNCNT 1 before the kill, 0 now")) and
    ([.facts[] | select(.woken) | .phase] == ["lock-undo"]) and
    .kernel.sem.waiting.mutex == 0 and
    ([.workers[] | select(.alive) | select(.role == "producer") | .holds] == ["mutex"])' \
    "the waiter did not get the mutex the kernel gave back"
jcheck "$OUT" '[.facts[] | select(.phase == "write-slot")] | length == 1' \
    "the waiter does not go on to write its slot"
"$IPCSCOPE" --headless --json -p 2 --keys "$keys2" >"$OUT" ||
    fail "plain run with a waiter failed"
jcheck "$OUT" '.kernel.sem.values.mutex == 0 and
    .kernel.sem.waiting.mutex == 1 and
    (.event | test("nothing granted: every producer is blocked"))' \
    "without --undo the waiter does not sleep on"

# The mutex's value in semnum 2 of ipcs -s -i ID.
ipcs_mutex() {
	ipcs -s -i "$1" | awk '$1 == "2" { print $2 }'
}
REC=$E2E_TMP/rec.jsonl
for undo in --undo ""; do
	want=0
	[[ -n $undo ]] && want=1
	rm -f "$REC"
	tui_start 80 24 $undo --record "$REC"
	wait_for 'S T E P' || fail "no first frame"
	for n in 1 2 3; do press p $n || fail "key $n (p)"; done
	wait_for 'P1 .*holds mutex' 1000 || fail "P1 does not hold the mutex"
	keys Tab
	wait_for '^ *> P1' 1000 || fail "P1 not selected"
	keys k
	wait_for 'P1 .*DEAD: killed by SIGKILL' 2000 || fail "P1 not shown dead"
	if [[ -n $undo ]]; then
		wait_for 'kernel undid its semop\(mutex, -1\)' 1000 ||
		    fail "the log does not say the kernel undid it"
		wait_for 'mutex 1 \(0 waiting\)' 1000 || fail "the kernel panel's mutex is not 1"
	else
		wait_for 'died holding mutex: nobody will ever' 1000 ||
		    fail "the log does not say the mutex stays taken"
		wait_for 'mutex 0 \(0 waiting\)' 1000 || fail "the kernel panel's mutex is not 0"
	fi
	settle || fail "the screen does not settle"
	id=$(tail -n 1 "$REC" | jq -r '.kernel.sem.id')
	[[ $id =~ ^[0-9]+$ ]] || fail "no semid in the recording"
	k1=$(ipcs_mutex "$id")
	j=$(tail -n 1 "$REC" | jq -r '.kernel.sem.values.mutex')
	k2=$(ipcs_mutex "$id")
	[[ $k1 == "$want" && $k2 == "$want" && $j == "$want" ]] ||
	    fail "${undo:-without --undo}: mutex from ipcs $k1 then $k2, from the JSON $j; want $want"
	keys q
	st=$(wait_exit) || fail "q"
	[[ $st == 0 ]] || fail "exit $st"
	tui_stop
done
assert_no_leftovers
echo "ok undo"
