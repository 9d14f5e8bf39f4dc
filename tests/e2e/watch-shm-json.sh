#!/usr/bin/env bash
# watch --json beside a classic server and client (compiled here): a
# segment made by ftok key, attached by the server (which writes the
# alphabet), then by the client, detached by both. At each step, with the
# programs idle, watch --once --json shows the nattch ipcs -m -i shows and
# every field lsipc --json shows; the sequence is 0 1 2 1 0. A follower
# started before the server (--key) says "waiting" until the segment
# exists and then sees the same sequence live. After IPC_RMID with the
# client still attached, the segment is dest with key 0; once it detaches,
# it is gone. The programs' segment is removed by the story.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

touch "$E2E_TMP/keyfile"
KEY=$("$BIN/keyof" "$E2E_TMP/keyfile" R) || fail "keyof failed"

l=$(wj --key "$KEY")
wtrue "$l" '.waiting == true and (.objects | length) == 0' "--key before the server"

# A follower, started before the object exists.
"$IPCSCOPE" watch --json -d 0.02 --key "$KEY" >"$E2E_TMP/follow.jsonl" 2>"$E2E_TMP/follow.err" &
FOLLOW=$!
CLASSIC_PIDS+=("$FOLLOW")
d=$(( $(now_ms) + 5000 ))
until grep -q '"waiting":true' "$E2E_TMP/follow.jsonl" 2>/dev/null; do
	(( $(now_ms) > d )) && fail "the follower printed no waiting line: $(cat "$E2E_TMP/follow.jsonl" "$E2E_TMP/follow.err")"
	sleep 0.01
done

start server "$BIN/shmserver" "$E2E_TMP/keyfile"
out_has server 'created key'
ID=$(sed -nE 's/.*shmid ([0-9]+)$/\1/p' "$E2E_TMP/server.out")
[[ -n $ID ]] || fail "no shmid from the server: $(cat "$E2E_TMP/server.out")"
CLASSIC_IDS+=("m $ID")
grep -q "created key $KEY " "$E2E_TMP/server.out" ||
    fail "the server's key is not keyof's $KEY: $(cat "$E2E_TMP/server.out")"

seq=""
# at N: watch, ipcs -m -i and lsipc agree that nattch is N.
at() {
	local l i
	l=$(wj --key "$KEY")
	wtrue "$l" ".waiting == false and (.objects | length) == 1 and
	    .objects[0].type == \"shm\" and .objects[0].id == $ID and
	    .objects[0].key == \"$KEY\" and .objects[0].nattch == $1 and
	    .objects[0].size == 27 and .objects[0].perms == \"rw-------\" and
	    .objects[0].dest == false" "nattch $1 ($2)"
	i=$(ipcs_field m "$ID" nattch)
	[[ $i == "$1" ]] || fail "$2: ipcs -m -i $ID says nattch=$i, watch $1"
	same_as_lsipc "$(wj)"
	seq+=$1
}
at 0 "created"
send server a
out_has server 'attached, wrote abcdefghijklmnopqrstuvwxyz'
at 1 "the server attached"
start client "$BIN/shmclient" "$E2E_TMP/keyfile"
out_has client "found shmid $ID"
send client a
out_has client 'attached, read abcdefghijklmnopqrstuvwxyz'
at 2 "the client attached"
send client d
out_has client detached
at 1 "the client detached"
send server d
out_has server detached
at 0 "the server detached"
[[ $seq == 01210 ]] || fail "the nattch sequence is $seq, not 01210"

# IPC_RMID while the client is attached: dest, key 0, still there.
send client a
d=$(( $(now_ms) + 5000 ))
until [[ $(grep -c '^attached' "$E2E_TMP/client.out") == 2 ]]; do
	(( $(now_ms) > d )) && fail "the client did not attach again"
	sleep 0.01
done
send server r
out_has server removed
l=$(wj --id "$ID" --type shm)
wtrue "$l" '.objects[0].dest == true and .objects[0].key == "0x00000000" and
    .objects[0].nattch == 1' "after IPC_RMID with the client attached"
[[ $(ipcs_field m "$ID" mode) == 01600 ]] ||
    fail "ipcs -m -i $ID: mode $(ipcs_field m "$ID" mode), not 01600 (dest)"
same_as_lsipc "$(wj)"
send client d
d=$(( $(now_ms) + 5000 ))
until [[ $(grep -c '^detached' "$E2E_TMP/client.out") == 2 ]]; do
	(( $(now_ms) > d )) && fail "the client did not detach again"
	sleep 0.01
done
l=$(wj --id "$ID" --type shm)
wtrue "$l" '.waiting == true and (.objects | length) == 0' "after the last detach"
ipcs -m -i "$ID" 2>&1 | grep -q "id $ID not found" ||
    fail "ipcs -m -i $ID still finds it: $(ipcs -m -i "$ID" 2>&1)"
same_as_lsipc "$(wj)"

# The follower saw it all live: waiting, then 0 1 2 1 0 (each held while
# the story checked it), perhaps 1 again (held only a moment before the
# IPC_RMID), then waiting once IPC_RMID made the key 0 (--json follows the
# key itself).
kill -TERM "$FOLLOW"
wait "$FOLLOW" || fail "the follower exited $? on SIGTERM"
jq -e . "$E2E_TMP/follow.jsonl" >/dev/null || fail "the follower wrote a line that is not JSON"
live=$(jq -r 'if .waiting then "w" else (.objects[0].nattch | tostring) end' \
    "$E2E_TMP/follow.jsonl" | uniq | tr -d '\n')
[[ $live =~ ^w01210(1)?w$ ]] || fail "the follower saw $live, not w01210w"
(( COMPARED >= 6 )) || fail "only $COMPARED objects compared with lsipc"
echo "nattch $seq; the follower saw $live; $COMPARED objects agreed with lsipc"
exit 0
