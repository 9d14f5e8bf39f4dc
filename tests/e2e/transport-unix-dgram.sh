#!/usr/bin/env bash
# unix-dgram: a datagram socketpair whose SO_SNDBUF is sized for N items of
# skb memory. The N+1st send sleeps in sock_alloc_send_pskb with SIOCOUTQ
# at SO_SNDBUF; SIOCINQ shows the next datagram only, and the queue is
# walked with SO_PEEK_OFF; max_dgram_qlen does not bound a socketpair; the
# consumer sleeps on an empty socket; 1,000 items through 3 producers and
# 3 consumers. Run inside `unshare --ipc`.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=8
OUT=$E2E_TMP/out.json
# P1: eight datagrams go in, the ninth send sleeps.
"$IPCSCOPE" --headless --json -t unix-dgram -n $N --keys "$(rep p $((N + 1)))" \
    >"$OUT" || fail "full run failed"
jcheck "$OUT" '.buffer.capacity == 8 and .buffer.count == 8 and .produced == 8 and
    .kernel.socket.type == "dgram"' "capacity or count is not 8"
jcheck "$OUT" '.kernel.socket.inq == 64 and .kernel.socket.outq >= .kernel.socket.sndbuf' \
    "SIOCINQ is not one datagram, or SIOCOUTQ has not reached SO_SNDBUF"
jcheck "$OUT" '[.buffer.slots[] | select(.full) | .seq] == [1,2,3,4,5,6,7,8]' \
    "the walk with SO_PEEK_OFF does not show datagrams 1..8 in order"
jcheck "$OUT" '.buffer.note | test("next datagram only")' \
    "the note does not say SIOCINQ is the next datagram only"
jcheck "$OUT" '(.workers[] | select(.role == "producer")) | .blocked and
    .phase == "send" and .state == "S" and (.wchan | test("sock_alloc_send"))' \
    "P1 is not asleep in send"

# Three out: the walk starts at the new head (the viewer's peek offset
# does not stick), and the writer still sleeps until a quarter is left.
"$IPCSCOPE" --headless --json -t unix-dgram -n $N \
    --keys "$(rep p $((N + 1)))ccc" >"$OUT" || fail "three-out run failed"
jcheck "$OUT" '[.buffer.slots[] | select(.full) | .seq] == [4,5,6,7,8] and
    .buffer.count == 5 and (.workers[] | select(.role == "producer")).blocked' \
    "after three reads: not datagrams 4..8 with P1 asleep"

# More datagrams than max_dgram_qlen: that limit is for a receiver whose
# peer is someone else, never for a socketpair.
qlen=$(cat /proc/sys/net/unix/max_dgram_qlen)
M=$((qlen + 6))
"$IPCSCOPE" --headless --json -t unix-dgram -n $M --keys "$(rep p $((M + 1)))" \
    >"$OUT" || fail "qlen run failed"
jcheck "$OUT" ".buffer.count == $M and .buffer.capacity == $M and
    (.workers[] | select(.role == \"producer\")).blocked" \
    "$M datagrams (max_dgram_qlen $qlen) did not fit"

# Everything out: the consumer sleeps on the empty socket.
"$IPCSCOPE" --headless --json -t unix-dgram -n $N \
    --keys "$(rep p $((N + 1)))$(rep c $((N + 2)))" >"$OUT" || fail "drain run failed"
jcheck "$OUT" '.buffer.count == 0 and .kernel.socket.inq == 0 and
    .kernel.socket.outq == 0' "the socket is not empty"
jcheck "$OUT" '(.workers[] | select(.role == "consumer")) | .blocked and
    .phase == "recv" and .state == "S" and (.wchan | test("skb_wait|recv"))' \
    "C1 is not asleep in recv on the empty socket"
jcheck "$OUT" '.produced == 9 and .consumed == 9 and .audit.duplicates == 0 and
    .audit.out_of_order == 0' "not 9 produced and consumed in order"

# 1,000 items, each one datagram, through 3 producers and 3 consumers.
TXT=$E2E_TMP/out.txt
"$IPCSCOPE" --headless -t unix-dgram -p 3 -c 3 -n $N \
    --keys "$(rep "$(rep p 12)$(rep c 12)" 110)" >"$TXT" || fail "1000-item run failed"
audit_ok "$TXT" 1000

assert_no_leftovers
echo "ok: unix-dgram full, SO_PEEK_OFF walk, $M > max_dgram_qlen, empty, $P items audited"
exit 0
