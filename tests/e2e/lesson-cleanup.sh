#!/usr/bin/env bash
# A lesson that goes off its path half-way (a lesson file of the test's
# own, over the shipped programs): one line says where, exit 1, and the
# programs are killed and the segment and the queue they made removed;
# a queue of the same key that the lesson did not make is left alone.
# Then the lesson errors: an unknown name lists the lessons, exit 2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lesson.inc"

cat >"$E2E_TMP/off.lesson" <<'LESSON'
summary a test: off the path with a segment and a queue made
program w shm_lifecycle writer
program s msg_queue sender
step w ftok
	c1
step w shmget
	c2
step w shmat
	c3
step s ftok
	c4
step s msgget
	c5
step s msgsnd
	c6: the sender is at msgctl, not here
LESSON
L=off
"$IPCSCOPE" lesson --headless "$E2E_TMP/off.lesson" >"$E2E_TMP/$L.out" 2>"$E2E_TMP/$L.err"
rc=$?
(( rc == 1 )) || fail "off the path: exit $rc, not 1: $(cat "$E2E_TMP/$L.err")"
head -n 1 "$E2E_TMP/$L.err" | grep -q "off the lesson's path at step 6: s (pid [0-9]*) should be at msgsnd, but it is at msgctl$" ||
    fail "no line saying where: $(cat "$E2E_TMP/$L.err")"
[[ $(tail -n +2 "$E2E_TMP/$L.err" | sed 's/.*: removed \([a-z]*\) [0-9]*, which its programs left$/\1/' | sort | tr '\n' ' ') == "msg shm " ]] ||
    fail "not a line for each object removed: $(cat "$E2E_TMP/$L.err")"
[[ $(wc -l <"$E2E_TMP/$L.out") == 6 ]] || fail "not 5 steps and a closing line: $(cat "$E2E_TMP/$L.out")"
lcheck $L 5 '(.objects | map(.type) | sort) == ["msg", "shm"]' "a segment and a queue made"
lcheck $L 6 '.event == "end" and .why == "off-path" and .steps == 5 and .removed == 2 and .status == 1' "the closing line"
for p in $(head -n 5 "$E2E_TMP/$L.out" | jq -r '.processes[].pid' | sort -u); do
	alive "$p" && fail "lesson process $p still runs"
done
assert_no_leftovers

# A queue by the lesson's key, made by someone else: the lesson's msgget
# (IPC_EXCL) fails, and the queue is not the lesson's to remove.
prog=$(dirname "$IPCSCOPE")/lessons/msg_queue
[[ -x $prog ]] || fail "$prog is not built"
"$prog" sender >/dev/null 2>&1 &
other=$!
wait_q() { local d=$(( $(now_ms) + 5000 )); until [[ $(ipcs -q | grep -c '^0x') -ge 1 ]]; do (( $(now_ms) > d )) && return 1; sleep 0.01; done; }
wait_q || fail "the other sender made no queue"
qid=$(ipcs -q | awk '$1 ~ /^0x/ {print $2; exit}')
"$IPCSCOPE" lesson --headless msg-queue >"$E2E_TMP/q.out" 2>"$E2E_TMP/q.err"
rc=$?
(( rc == 1 )) || fail "with the key taken: exit $rc, not 1: $(cat "$E2E_TMP/q.err")"
grep -q "off the lesson's path at step 3" "$E2E_TMP/q.err" || fail "not off the path at step 3: $(cat "$E2E_TMP/q.err")"
# (ipcs -i exits 0 even for an id that is not there: read the list.)
ipcs -q | awk '$1 ~ /^0x/ {print $2}' | grep -qx "$qid" ||
    fail "the lesson removed a queue it did not make"
kill "$other"; wait "$other" 2>/dev/null
ipcrm -q "$qid" || fail "cannot remove the test's own queue $qid"

# Errors: an unknown lesson lists those there are, exit 2.
"$IPCSCOPE" lesson nope >"$E2E_TMP/o" 2>"$E2E_TMP/e"
rc=$?
(( rc == 2 )) || fail "unknown lesson: exit $rc, not 2"
[[ $(cat "$E2E_TMP/e") == 'ipcscope: no lesson "nope"; lessons: msg-queue, pipe, shm-lifecycle' ]] ||
    fail "unknown lesson: $(cat "$E2E_TMP/e")"
"$IPCSCOPE" lesson >"$E2E_TMP/o" 2>&1 || fail "lesson (the list): exit $?"
[[ $(awk '{print $1}' "$E2E_TMP/o" | tr '\n' ' ') == "msg-queue pipe shm-lifecycle " ]] ||
    fail "the list: $(cat "$E2E_TMP/o")"
assert_no_leftovers
