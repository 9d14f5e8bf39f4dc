#!/usr/bin/env bash
# posix-mq: mq_maxmsg = N messages fill the queue and the next mq_send
# sleeps; receives drain it until mq_receive sleeps; mq_getattr's numbers
# and the waiters checked; msg_max, msgsize_max, queues_max and
# RLIMIT_MSGQUEUE each explained; 1,000 items through 3 producers and 3
# consumers; the queue gone after SIGTERM, seen in an mqueue mount of our
# own. Run inside `unshare --ipc`.
# e2e: alone (RLIMIT_MSGQUEUE is the user's, across namespaces)
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=4
OUT=$E2E_TMP/out.json
# P1: mq_open, then one mq_send per item; the fifth sleeps.
"$IPCSCOPE" --headless --json -t posix-mq -n $N --keys "$(rep p $((1 + N + 1)))" \
    >"$OUT" || fail "full run failed"
jcheck_at "$OUT" $((1 + N)) '.kernel.mq.curmsgs == 4 and
    (.workers[] | select(.role == "producer") | .blocked | not)' \
    "after 4 sends the queue does not hold 4 with the producer free"
jcheck_at "$OUT" '$' '.buffer.capacity == 4 and .buffer.count == 4 and
    .kernel.mq.curmsgs == 4 and .kernel.mq.maxmsg == 4 and
    .kernel.mq.msgsize == 64 and (.kernel.mq.name | test("^/ipcscope\\.[0-9]+\\.q$"))' \
    "curmsgs, maxmsg, msgsize or the name are wrong when full"
jcheck_at "$OUT" '$' '.kernel.mq.waiting == {"send": 1, "receive": 0}' \
    "the sender asleep is not counted as waiting"
jcheck_at "$OUT" '$' '(.workers[] | select(.role == "producer")) | .blocked and
    .phase == "send" and .state == "S" and (.wchan | test("wq_sleep"))' \
    "the producer is not asleep in mq_send"
jcheck_at "$OUT" '$' '(.buffer.slots | length) == 0 and
    (.buffer.note | test("cannot be read without taking"))' \
    "no word that a POSIX queue cannot be peeked"
jcheck_at "$OUT" '$' '.produced == 4 and (.event | test("no semaphore"))' \
    "produced is not 4, or the log does not say what differs from shm"

# C1: mq_open, takes 1..4, P1 wakes and sends 5, C1 takes it, then sleeps.
"$IPCSCOPE" --headless --json -t posix-mq -n $N \
    --keys "$(rep p $((1 + N + 1)))$(rep c $((1 + N + 2)))" >"$OUT" ||
    fail "drain run failed"
jcheck_at "$OUT" '$' '.buffer.count == 0 and .kernel.mq.curmsgs == 0 and
    .kernel.mq.waiting == {"send": 0, "receive": 1}' \
    "the queue is not empty with one receiver waiting"
jcheck_at "$OUT" '$' '(.workers[] | select(.role == "consumer")) | .blocked and
    .phase == "receive" and (.wchan | test("wq_sleep"))' \
    "the consumer is not asleep in mq_receive"
jcheck_at "$OUT" '$' '.produced == 5 and .consumed == 5 and .audit.duplicates == 0
    and .audit.out_of_order == 0' "not 5 produced and consumed in order"

# The limits, each in an IPC namespace of its own (whose mqueue sysctls
# are its own). A refusal must be ipcscope's one line: a shell that could
# not write the sysctl also names its file, and exits 2 too.
# refused_mq WHAT WORDS SETTING... -- ARGS...: exit 2, and one line from
# ipcscope holding WORDS.
refused_mq() {
	local what=$1 want=$2 err rc
	shift 2
	err=$(in_ipcns "$@" 2>&1 >/dev/null)
	rc=$?
	(( rc == 2 )) || fail "$what: exit $rc, not 2: $err"
	[[ $(wc -l <<<"$err") == 1 && $err == "ipcscope: "* && $err == *$want* ]] ||
	    fail "$what: not one line from ipcscope naming $want: $err"
}
if ! unshare --ipc -- true 2>/dev/null; then
	echo "skip: unshare --ipc is not allowed here; mqueue limits untested"
elif ! in_ipcns fs/mqueue/queues_max=256 -- true; then
	echo "skip: fs.mqueue sysctls cannot be written here; mqueue limits untested"
else
	# 16 slots asked, msg_max is 10 (a fresh namespace's default): 10 it is.
	in_ipcns -- "$IPCSCOPE" --headless --json -t posix-mq -n 16 \
	    --keys "$(rep p 12)" >"$OUT" || fail "msg_max run failed"
	jcheck_at "$OUT" '$' '.buffer.capacity == 10 and .kernel.mq.maxmsg == 10 and
	    .kernel.mq.curmsgs == 10 and .workers[0].blocked and
	    (.notes | test("/proc/sys/fs/mqueue/msg_max is 10.*sysctl fs.mqueue.msg_max=16"))' \
	    "16 slots were not cut to msg_max 10 with a note"

	in_ipcns fs/mqueue/msgsize_max=1024 -- \
	    "$IPCSCOPE" --headless --json -t posix-mq -n 2 -s 4096 --keys pp \
	    >"$OUT" || fail "msgsize_max run failed"
	jcheck_at "$OUT" '$' '.kernel.mq.msgsize == 1024 and .kernel.mq.curmsgs == 1 and
	    (.notes | test("msgsize_max \\(1024\\)"))' \
	    "--item-size above msgsize_max was not cut with a note"

	refused_mq "queues_max 0" "/proc/sys/fs/mqueue/queues_max" \
	    fs/mqueue/queues_max=0 -- "$IPCSCOPE" --headless -t posix-mq --keys p

	# RLIMIT_MSGQUEUE counts maxmsg * msgsize (and some overhead).
	in_ipcns ulimit-q=14000 -- \
	    "$IPCSCOPE" --headless --json -t posix-mq -n 4 -s 4096 --keys p \
	    >"$OUT" || fail "ulimit -q 14000 run failed"
	jcheck_at "$OUT" '$' '.kernel.mq.maxmsg == 3 and .buffer.capacity == 3 and
	    (.notes | test("RLIMIT_MSGQUEUE"))' \
	    "ulimit -q 14000 did not make a queue of 3 with a note"
	refused_mq "ulimit -q 1000" "RLIMIT_MSGQUEUE*ulimit -q" \
	    ulimit-q=1000 -- "$IPCSCOPE" --headless -t posix-mq -s 4096 --keys p
fi

# 1,000 items: "pc" pairs, with bursts that fill and drain the queue.
TXT=$E2E_TMP/out.txt
"$IPCSCOPE" --headless -t posix-mq -p 3 -c 3 -n 4 \
    --keys "pppccc$(rep "$(rep pc 40)$(rep p 8)$(rep c 8)ccc$(rep p 3)" 20)$(rep pc 200)" \
    >"$TXT" || fail "1000-item run failed"
audit_ok "$TXT" 1000

# The queue itself, in an mqueue mount of a namespace of our own (never
# /dev/mqueue): there while the demo runs, gone after SIGTERM.
MQ=$E2E_TMP/mq
mkdir -p "$MQ"
if unshare --ipc --mount -- sh -c "mount -t mqueue none '$MQ'" 2>/dev/null; then
	unshare --ipc --mount -- env MQ="$MQ" IPCSCOPE="$IPCSCOPE" bash -c '
	set -u
	now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
	mount -t mqueue none "$MQ" || exit 3
	"$IPCSCOPE" --headless -t posix-mq --run --speed 20 >/dev/null 2>&1 &
	vp=$!
	d=$(( $(now_ms) + 5000 ))
	until [[ -e $MQ/ipcscope.$vp.q ]]; do
		(( $(now_ms) > d )) && { echo "the queue never appeared"; exit 1; }
		sleep 0.01
	done
	grep -q "^QSIZE:" "$MQ/ipcscope.$vp.q" || { echo "no QSIZE"; exit 1; }
	[[ $(stat -c %a "$MQ/ipcscope.$vp.q") == 600 ]] || { echo "not 0600"; exit 1; }
	kill -TERM $vp
	wait $vp
	rc=$?
	(( rc == 128 + 15 )) || { echo "exit $rc after SIGTERM"; exit 1; }
	left=$(ls "$MQ")
	[[ -z $left ]] || { echo "left in the mqueue mount: $left"; exit 1; }
	' >"$E2E_TMP/mq.txt" 2>&1 &&
	    true || fail "mqueue mount check: $(cat "$E2E_TMP/mq.txt")"
else
	echo "skip: cannot mount an mqueue filesystem here; queue removal unseen"
fi

assert_no_leftovers
echo "ok: posix-mq full at $N, empty, waiters, msg_max/msgsize_max/queues_max/RLIMIT_MSGQUEUE, $P items audited, removed"
exit 0
