#!/usr/bin/env bash
# unix-stream: a socketpair whose SO_SNDBUF is sized for N items of skb
# memory. The N+1st send sleeps in sock_alloc_send_pskb with SIOCINQ at
# N * size bytes and SIOCOUTQ at SO_SNDBUF; a sleeping writer wakes only
# when readers have drained the buffer below a quarter; the consumer sleeps on
# an empty socket; 1,000 items through 3 producers and 3 consumers; items
# larger than one skb take a write lock and a read lock and stay whole.
# Run inside `unshare --ipc`.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

# The closing audit line: 1,000 items at least, none duplicated, lost or
# out of its producer's order.

# The audit reads each item's number from its first bytes, so it cannot see
# an item torn between two readers: the second reader decodes the middle
# of someone else's item. So check the log too: every item taken came out
# whole, once, and bears a number that was given out.
whole_items() {
	local seqs n u max
	seqs=$(grep -oE 'recv\(sock, buf, size, MSG_WAITALL\): item [0-9]+ comes out whole|got the last [0-9]+ bytes: item [0-9]+ is whole' "$1" |
	    grep -oE '[0-9]+( comes| is)' | grep -oE '^[0-9]+' | sort -n)
	n=$(grep -c . <<<"$seqs")
	u=$(uniq <<<"$seqs" | grep -c .)
	max=$(tail -n 1 <<<"$seqs")
	(( n == u )) || fail "an item came out twice"
	(( n == P - $(tail -n 1 "$1" | sed -E 's/.*in the buffer ([0-9]+).*/\1/') )) ||
	    fail "$n items came out whole, not all that were taken: $(tail -n 1 "$1")"
	(( max <= P + 8 )) || fail "item $max came out: a torn item read as a number"
	! grep -q 'got [0-9]* of' "$1" || fail "a short read with a lock held"
}

N=8
OUT=$E2E_TMP/out.json
# P1: eight sends go in, the ninth sleeps.
"$IPCSCOPE" --headless --json -t unix-stream -n $N --keys "$(rep p $((N + 1)))" \
    >"$OUT" || fail "full run failed"
jcheck "$OUT" '.buffer.capacity == 8 and .buffer.count == 8 and .produced == 8 and
    .kernel.socket.type == "stream" and .kernel.socket.inq == 8 * 64' \
    "capacity, count and SIOCINQ disagree, or are not 8 items of 64 bytes"
jcheck "$OUT" '.kernel.socket.outq >= .kernel.socket.sndbuf' \
    "SIOCOUTQ has not reached SO_SNDBUF at full"
jcheck "$OUT" '[.buffer.slots[] | select(.full) | .seq] == [1,2,3,4,5,6,7,8]' \
    "the peeked stream does not hold items 1..8 in order"
jcheck "$OUT" '.buffer.note | test("SIOCOUTQ is memory, not bytes")' \
    "the note does not say SIOCOUTQ counts memory"
jcheck "$OUT" '(.workers[] | select(.role == "producer")) | .blocked and
    .phase == "write" and .state == "S" and (.wchan | test("sock_alloc_send"))
    and .carrying == 9' "P1 is not asleep in send with item 9"

# One item out: the writer still sleeps (SIOCOUTQ not below SO_SNDBUF / 4).
"$IPCSCOPE" --headless --json -t unix-stream -n $N \
    --keys "$(rep p $((N + 1)))c" >"$OUT" || fail "one-out run failed"
jcheck "$OUT" '.buffer.count == 7 and .kernel.socket.inq == 7 * 64 and
    .kernel.socket.outq * 4 > .kernel.socket.sndbuf and
    (.workers[] | select(.role == "producer")) .blocked and
    ([.buffer.slots[] | select(.full) | .seq] == [2,3,4,5,6,7,8])' \
    "after one read the writer should still sleep with items 2..8 queued"
jcheck "$OUT" '(.workers[] | select(.role == "producer")).reason | test("quarter")' \
    "the reason does not explain the quarter rule"

# Drained below a quarter of SO_SNDBUF (one item of eight left; two is
# exactly a quarter, not below): P1 wakes and queues item 9.
"$IPCSCOPE" --headless -t unix-stream -n $N --keys "$(rep p $((N + 1)))$(rep c 7)" \
    >"$E2E_TMP/wake.txt" || fail "wake run failed"
grep -q '^[0-9]* c: C1 recv.*item 7 comes out whole\. P1 wakes up: send.*item 9 is queued' \
    "$E2E_TMP/wake.txt" || fail "P1 did not wake on the seventh read: $(cat "$E2E_TMP/wake.txt")"

# Everything out: the consumer sleeps on the empty socket.
"$IPCSCOPE" --headless --json -t unix-stream -n $N \
    --keys "$(rep p $((N + 1)))$(rep c $((N + 2)))" >"$OUT" || fail "drain run failed"
jcheck "$OUT" '.buffer.count == 0 and .kernel.socket.inq == 0 and
    .kernel.socket.outq == 0 and ([.buffer.slots[] | select(.full)] | length) == 0' \
    "the socket is not empty"
jcheck "$OUT" '(.workers[] | select(.role == "consumer")) | .blocked and
    .phase == "read" and .state == "S" and (.wchan | test("unix_stream|skb"))' \
    "C1 is not asleep in recv on the empty socket"
jcheck "$OUT" '.produced == 9 and .consumed == 9 and .audit.duplicates == 0 and
    .audit.out_of_order == 0' "not 9 produced and consumed in order"

# Items of 64 bytes are one skb each: no locks, and no read is short.
TXT=$E2E_TMP/out.txt
"$IPCSCOPE" --headless -t unix-stream -p 3 -c 3 -n $N \
    --keys "$(rep "$(rep p 12)$(rep c 12)" 110)" >"$TXT" || fail "1000-item run failed"
audit_ok "$TXT" 1000
! grep -qE 'sem_wait|got [0-9]+ of' "$TXT" || fail "a lock or a short read with one-skb items"
small=$P

# One slot of 3000-byte items: SO_SNDBUF is the kernel's minimum, an item
# spans two skbs, and writers could interleave: each side takes a lock.
"$IPCSCOPE" --headless --json -t unix-stream -p 2 -n 1 --item-size 3000 \
    --keys pp >"$OUT" || fail "lock run failed"
jcheck "$OUT" '(.workers[] | select(.role == "producer" and .id == 1)) |
    .blocked and .phase == "write-lock" and (.wchan | test("futex"))' \
    "P1 does not wait for the write lock P2 holds"
jcheck "$OUT" '(.workers[] | select(.role == "producer" and .id == 2)) | .holds == "wlock"' \
    "P2 does not hold wlock"
"$IPCSCOPE" --headless -t unix-stream -p 3 -c 3 -n 1 --item-size 3000 \
    --keys "$(rep "$(rep p 9)$(rep c 9)" 40)" >"$TXT" || fail "locked run failed"
audit_ok "$TXT" 100
grep -q 'sem_post(wlock)' "$TXT" && grep -q 'sem_post(rlock)' "$TXT" ||
    fail "no lock steps with items larger than one skb"
whole_items "$TXT"

assert_no_leftovers
echo "ok: unix-stream full, quarter wake-up, empty, $small items audited, locked 3000-byte items"
exit 0
