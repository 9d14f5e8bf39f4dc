#!/usr/bin/env bash
# sysv-msg: the queue holds exactly N items (msg_qbytes lowered to N *
# size) until msgsnd sleeps, and drains until msgrcv sleeps, with msgctl
# IPC_STAT's numbers checked against the messages peeked with MSG_COPY;
# mailbox mode routes by mtype; 1,000 items through 3 producers and 3
# consumers; msgmnb too small is one clear line. Run inside `unshare --ipc`.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=3
OUT=$E2E_TMP/out.json
# P1: msgget, then one msgsnd per item; the fourth sleeps.
"$IPCSCOPE" --headless --json -t sysv-msg -n $N \
    --keys "$(rep p $((1 + N + 1)))" >"$OUT" || fail "full run failed"
jcheck "$OUT" '.buffer.capacity == 3 and .buffer.count == 3 and
    .kernel.msq.qnum == 3 and (.buffer.slots | length) == .kernel.msq.qnum' \
    "qnum, count and the messages listed disagree, or are not 3"
jcheck "$OUT" '.kernel.msq.qbytes == 3 * 64 and .kernel.msq.cbytes == 3 * 64' \
    "qbytes or cbytes is not 3 * 64"
jcheck "$OUT" '[.buffer.slots[] | [.seq, .producer, .mtype]] ==
    [[1,1,1],[2,1,1],[3,1,1]]' "the queue does not hold items 1, 2, 3 in order"
jcheck "$OUT" '.buffer.note | test("MSG_COPY")' "no word on how they were read"
jcheck "$OUT" '(.workers[] | select(.role == "producer")) as $p |
    $p.blocked and $p.phase == "msgsnd" and $p.state == "S" and
    ($p.wchan | test("msgsnd")) and .kernel.msq.lspid == $p.pid' \
    "the producer is not asleep in msgsnd, or lspid is not its pid"
# Peeking with MSG_COPY must not look like a receive.
jcheck "$OUT" '.kernel.msq.lrpid == 0 and .kernel.msq.rtime == 0' \
    "the viewer's peeks changed lrpid or rtime"
jcheck "$OUT" '.kernel.msq.perms == "0600" and .produced == 3' \
    "perms not 0600 or produced not 3"

# C1 takes 1, 2, 3; P1 wakes and queues 4; C1 takes it and sleeps.
"$IPCSCOPE" --headless --json -t sysv-msg -n $N \
    --keys "$(rep p $((1 + N + 1)))$(rep c $((1 + N + 2)))" >"$OUT" ||
    fail "drain run failed"
jcheck "$OUT" '.buffer.count == 0 and .kernel.msq.qnum == 0 and
    .kernel.msq.cbytes == 0 and (.buffer.slots | length) == 0' "queue not empty"
jcheck "$OUT" '(.workers[] | select(.role == "consumer")) as $c |
    $c.blocked and $c.phase == "msgrcv" and ($c.wchan | test("msgrcv")) and
    .kernel.msq.lrpid == $c.pid' \
    "the consumer is not asleep in msgrcv, or lrpid is not its pid"
jcheck "$OUT" '.produced == 4 and .consumed == 4 and .audit.duplicates == 0 and
    .audit.out_of_order == 0' "not 4 produced and consumed in order"

# Mailbox: with one consumer every item is type 1. C2 joins; it asks for
# type 2 and sleeps although two messages are queued; the next item is
# addressed to it (round robin over C1, C2) and wakes it.
"$IPCSCOPE" --headless --json -t sysv-msg --mailbox -c 1 -n 4 \
    --keys ppppCcccc >"$OUT" || fail "mailbox run failed"
jcheck "$OUT" '.kernel.msq.qnum == 2 and [.buffer.slots[] | [.seq, .mtype]] ==
    [[2,1],[3,1]]' "the queue does not hold items 2 and 3 for C1"
jcheck "$OUT" '.buffer.note | test("by type: 1:2")' "no count by type"
jcheck "$OUT" '(.workers[] | select(.role == "consumer" and .id == 2)) |
    .blocked and (.wchan | test("msgrcv")) and (.reason | test("type 2"))' \
    "C2 is not asleep waiting for type 2"
"$IPCSCOPE" --headless -t sysv-msg --mailbox -c 1 -n 4 \
    --keys ppppCccccp >"$E2E_TMP/mb.txt" || fail "mailbox run failed"
grep -q '^9 p: P1 msgsnd.*item 4 is queued with mtype 2, addressed to C2.*C2 wakes up: .*item 4 of type 2' \
    "$E2E_TMP/mb.txt" || fail "item 4 did not go to C2: $(cat "$E2E_TMP/mb.txt")"
# C1 then takes item 2 after C2 took item 4: FIFO holds per mailbox, and
# the audit judges order per mailbox, so that is not out of order.
"$IPCSCOPE" --headless -t sysv-msg --mailbox -c 1 -n 4 \
    --keys ppppCccccpc >"$E2E_TMP/mb.txt" || fail "mailbox run failed"
grep -q '^10 c: C1 msgrcv.*item 2 of type 1' "$E2E_TMP/mb.txt" &&
    grep -q '^audit: produced 4, consumed 3, in the buffer 1, duplicates 0, out of order 0$' \
    "$E2E_TMP/mb.txt" || fail "mailbox audit: $(cat "$E2E_TMP/mb.txt")"
# Three consumers, six items: types 1, 2, 3, 1, 2, 3; each takes its own.
"$IPCSCOPE" --headless -t sysv-msg --mailbox -c 3 -n 6 \
    --keys "$(rep p 7)$(rep c 9)" >"$E2E_TMP/mb.txt" || fail "mailbox run failed"
n=0
while read -r who item type; do
	(( ${who#C} == type && type == (item - 1) % 3 + 1 )) ||
	    fail "C${who#C} took item $item of type $type"
	n=$((n + 1))
done < <(sed -nE 's/^[0-9]+ c: (C[0-9]) msgrcv[^:]*: item ([0-9]+) of type ([0-9]+).*/\1 \2 \3/p' "$E2E_TMP/mb.txt")
(( n == 6 )) || fail "$n of 6 mailbox items taken: $(cat "$E2E_TMP/mb.txt")"

# 1,000 items: each key is one msgsnd or one msgrcv.
TXT=$E2E_TMP/out.txt
"$IPCSCOPE" --headless -t sysv-msg -p 3 -c 3 -n 4 \
    --keys "$(rep pc 1004)" >"$TXT" || fail "1000-item run failed"
audit_ok "$TXT" 1000

# msgmnb is per IPC namespace: set it in a namespace of our own. 8 items of
# 4096 bytes do not fit in 16384: the queue holds 4 and the notes say so.
# A refusal must be ipcscope's one line: a shell that could not write the
# sysctl also names its file, and exits 2 too.
if ! unshare --ipc -- true 2>/dev/null; then
	echo "skip: unshare --ipc is not allowed here; msgmnb limits untested"
elif ! in_ipcns kernel/msgmnb=16384 -- true; then
	echo "skip: kernel.msgmnb cannot be written here; msgmnb limits untested"
else
	in_ipcns kernel/msgmnb=16384 -- \
	    "$IPCSCOPE" --headless --json -t sysv-msg -n 8 -s 4096 --keys pppppp \
	    >"$OUT" || fail "msgmnb 16384 run failed"
	jcheck "$OUT" '.buffer.capacity == 4 and .kernel.msq.qnum == 4 and
	    .kernel.msq.qbytes == 16384 and (.notes | test("/proc/sys/kernel/msgmnb"))
	    and (.workers[0].blocked)' "capacity not cut to 4 with a note"
	err=$(in_ipcns kernel/msgmnb=1000 -- \
	    "$IPCSCOPE" --headless -t sysv-msg -s 4096 --keys p 2>&1 >/dev/null)
	rc=$?
	(( rc == 2 )) || fail "msgmnb 1000: exit $rc, not 2: $err"
	[[ $(wc -l <<<"$err") == 1 && $err == "ipcscope: "*"/proc/sys/kernel/msgmnb"*"sysctl"* ]] ||
	    fail "msgmnb 1000: not one line from ipcscope naming msgmnb: $err"
fi

assert_no_leftovers
echo "ok: sysv-msg full, empty, msgctl view, mailbox, $P items audited, msgmnb"
exit 0
