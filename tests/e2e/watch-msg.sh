#!/usr/bin/env bash
# A classic sender and receiver over a queue (compiled here), beside watch:
# after N sends, watch --json shows qnum N and the bytes queued, as ipcs
# -q -i and lsipc --json do at that moment, with qbytes (which only
# msgctl tells); the screen lists the messages in order, peeked with
# MSG_COPY (still queued afterwards: qnum unchanged); a process asleep in
# semop on a set is named on the set's screen with GETNCNT 1, and the
# values match ipcs -s -i. The receiver takes them all and removes the
# queue: the screen marks it removed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

N=5
touch "$E2E_TMP/keyfile"
KEY=$("$BIN/keyof" "$E2E_TMP/keyfile" Q) || fail "keyof failed"
"$BIN/msgsend" "$E2E_TMP/keyfile" "$N" >"$E2E_TMP/send.out" 2>&1 ||
    fail "msgsend failed: $(cat "$E2E_TMP/send.out")"
QID=$(sed -nE 's/.*msqid ([0-9]+)$/\1/p' "$E2E_TMP/send.out")
CLASSIC_IDS+=("q $QID")
# "message 1".."message 5", each with its NUL: 10 bytes.
BYTES=$(( N * 10 ))

l=$(wj --key "$KEY")
wtrue "$l" ".objects[0].type == \"msg\" and .objects[0].id == $QID and
    .objects[0].qnum == $N and .objects[0].cbytes == $BYTES and
    .objects[0].qbytes == $(cat /proc/sys/kernel/msgmnb) and
    .objects[0].lspid > 0 and .objects[0].lrpid == 0" "after $N sends"
[[ $(ipcs_field q "$QID" qnum) == "$N" && $(ipcs_field q "$QID" cbytes) == "$BYTES" &&
    $(ipcs_field q "$QID" qbytes) == $(jq '.objects[0].qbytes' <<<"$l") ]] ||
    fail "ipcs -q -i $QID differs: $(ipcs -q -i "$QID")"
same_as_lsipc "$(wj)"

# A set whose semaphore 0 is 0, and a process asleep in semop(-1) on it.
SID=$(ipcmk -S 2 -p 0600 | sed -nE 's/.*id: ([0-9]+)$/\1/p')
[[ -n $SID ]] || fail "ipcmk -S failed"
CLASSIC_IDS+=("s $SID")
start sem "$BIN/semwait" "$SID"
WPID=${CLASSIC_PIDS[-1]}
out_has sem "waiting on semid $SID"
d=$(( $(now_ms) + 5000 ))
until l=$(wj --id "$SID" --type sem); jtrue "$l" '.objects[0].ncnt[0] == 1'; do
	(( $(now_ms) > d )) && fail "GETNCNT never 1: $l"
	sleep 0.01
done
wtrue "$l" '.objects[0].nsems == 2 and .objects[0].values == [0, 0] and
    .objects[0].zcnt == [0, 0]' "the set"
ipcs -s -i "$SID" | awk '$1 ~ /^[0-9]+$/ && NF == 5 {print $1, $2, $3, $4}' >"$E2E_TMP/ipcs-sem"
jq -r '.objects[0] | range(0; .nsems) as $i | "\($i) \(.values[$i]) \(.ncnt[$i]) \(.zcnt[$i])"' \
    <<<"$l" | diff - "$E2E_TMP/ipcs-sem" >/dev/null ||
    fail "the set's values differ from ipcs -s -i: $(cat "$E2E_TMP/ipcs-sem") / $l"
same_as_lsipc "$(wj)"

# The screen: the queue's messages, oldest first, and the sleeper.
tui_start 120 40 watch -d 0.1 --key "$KEY"
wait_for "msqid $QID  key $KEY" || fail "the queue is not shown"
wait_for "qnum $N  cbytes $BYTES of qbytes" || fail "qnum and cbytes are not shown"
for i in $(seq 1 "$N"); do
	wait_for "#$((i - 1)) +type 1 +10 bytes  \"message $i\.\"" ||
	    fail "message $i is not listed in order"
done
[[ $(ipcs_field q "$QID" qnum) == "$N" ]] || fail "peeking took messages: $(ipcs -q -i "$QID")"
keys Escape
wait_for ' TYP. KEY/NAME' || fail "no list"
# Select the set (the last row) and look inside.
keys Down Down Down Enter
wait_for "semid $SID" || fail "cannot open the set"
wait_for "pid $WPID +semwait +asleep in semop" || fail "the sleeper is not named"
wait_for ' 0 +0 +1 +0  ' || fail "semaphore 0: not value 0, ncount 1"
keys Escape
wait_for ' TYP. KEY/NAME' || fail "no list"

# The receiver empties and removes the queue: marked removed.
"$BIN/msgrecv" "$E2E_TMP/keyfile" >"$E2E_TMP/recv.out" 2>&1 ||
    fail "msgrecv failed: $(cat "$E2E_TMP/recv.out")"
grep -q "received $N, removed msqid $QID" "$E2E_TMP/recv.out" ||
    fail "the receiver: $(cat "$E2E_TMP/recv.out")"
wait_for "^-.*removed$" || fail "the queue is not marked removed"
l=$(wj --id "$QID" --type msg)
wtrue "$l" '.waiting == true' "after IPC_RMID"
# The sleeper wakes with EIDRM when the set goes.
ipcrm -s "$SID"
out_has sem 'semop: Identifier removed'
keys q
st=$(wait_exit) || fail "no exit on q"
[[ $st == 0 ]] || fail "q: status $st"
echo "$N messages, $BYTES bytes, one sleeper; $COMPARED objects agreed with lsipc"
exit 0
