#!/usr/bin/env bash
# pipe: N one-page items fill a pipe shrunk with F_SETPIPE_SZ and the
# (N+1)th write sleeps in the kernel; reads drain it until read sleeps;
# FIONREAD and F_GETPIPE_SZ checked against the items peeked with tee(2);
# rounding to a power of two pages is said; 1,000 items through 3 producers
# and 3 consumers, readers blocked together, never half an item. Run inside
# `unshare --ipc`.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=4
OUT=$E2E_TMP/out.json
PAGE=4096
# Five keys, five writes: the first four fit, the fifth sleeps.
"$IPCSCOPE" --headless --json -t pipe -n $N --keys "$(rep p $((N + 1)))" \
    >"$OUT" || fail "full run failed"
jcheck_at "$OUT" $N '.buffer.count == 4 and .kernel.pipe.queued == 4 * '$PAGE' and
    (.workers[] | select(.role == "producer") | .blocked | not)' \
    "after 4 writes the pipe does not hold 4 items with the producer free"
jcheck_at "$OUT" $((N + 1)) '.buffer.capacity == 4 and .buffer.count == 4 and
    .kernel.pipe.capacity == 4 * '$PAGE' and
    .kernel.pipe.queued == .kernel.pipe.capacity' \
    "FIONREAD is not F_GETPIPE_SZ (16384) when full"
jcheck_at "$OUT" $((N + 1)) '[.buffer.slots[] | [.seq, .producer]] ==
    [[1,1],[2,1],[3,1],[4,1]] and (.buffer.note | test("tee"))' \
    "the items peeked with tee are not 1, 2, 3, 4 in order"
jcheck_at "$OUT" $((N + 1)) '(.workers[] | select(.role == "producer")) |
    .blocked and .phase == "write" and .state == "S" and
    (.wchan | test("pipe_write")) and .carrying == 5' \
    "the producer is not asleep in write with item 5"
jcheck_at "$OUT" $((N + 1)) '.produced == 4 and .consumed == 0' \
    "produced must count finished writes only"

# Then six reads: 1..4, P1 wakes and writes 5, C1 takes it, then sleeps.
"$IPCSCOPE" --headless --json -t pipe -n $N \
    --keys "$(rep p $((N + 1)))$(rep c $((N + 2)))" >"$OUT" ||
    fail "drain run failed"
jcheck_at "$OUT" $((N + 2)) '.buffer.count == 4 and ([.buffer.slots[].seq] == [2,3,4,5])' \
    "after one read P1 did not refill the pipe with item 5"
jcheck_at "$OUT" '$' '.buffer.count == 0 and .kernel.pipe.queued == 0 and
    (.buffer.slots | length) == 0' "the pipe is not empty"
jcheck_at "$OUT" '$' '(.workers[] | select(.role == "consumer")) |
    .blocked and .phase == "read" and (.wchan | test("pipe_read"))' \
    "the consumer is not asleep in read"
jcheck_at "$OUT" '$' '.produced == 5 and .consumed == 5 and .audit.duplicates == 0
    and .audit.out_of_order == 0' "not 5 produced and consumed in order"

# The log says what differs from shared memory.
TXT=$E2E_TMP/out.txt
"$IPCSCOPE" --headless -t pipe -n 2 --keys pppcc >"$TXT" || fail "text run failed"
grep -q '^1 p: P1 write(p\[1\], item, PIPE_BUF): item 1 .*no slot to pick and no lock' "$TXT" ||
    fail "the write is not told apart from shared memory: $(cat "$TXT")"
grep -q '^3 p: .*the pipe is full.*sleeps in write itself.*so the kernel puts P1 to sleep' "$TXT" ||
    fail "the full pipe is not explained: $(cat "$TXT")"

# F_SETPIPE_SZ rounds to a power of two pages: 5 slots make room for 8.
"$IPCSCOPE" --headless --json -t pipe -n 5 --keys "$(rep p 9)" >"$OUT" ||
    fail "rounding run failed"
jcheck_at "$OUT" '$' '.buffer.capacity == 8 and .buffer.count == 8 and
    .kernel.pipe.capacity == 8 * '$PAGE' and .kernel.pipe.queued == 8 * '$PAGE' and
    (.notes | test("F_SETPIPE_SZ")) and (.workers[0].blocked)' \
    "5 slots did not become 8, said so, and fill at 8"

# Three readers asleep on an empty pipe; each write wakes one, which gets
# one whole item. Then bursts that fill the pipe with three writers asleep.
"$IPCSCOPE" --headless --json -t pipe -p 3 -c 3 -n 4 --keys cccppp >"$OUT" ||
    fail "three readers run failed"
jcheck_at "$OUT" 3 '[.workers[] | select(.role == "consumer") | .blocked] ==
    [true,true,true]' "the three consumers are not all asleep in read"
jcheck_at "$OUT" '$' '.consumed == 3 and .audit.duplicates == 0 and
    ([.workers[] | select(.role == "consumer") | .alive] == [true,true,true])' \
    "three writes did not give three readers one whole item each"

# 1,000 items: "pc" pairs, with bursts that fill and drain the pipe.
"$IPCSCOPE" --headless -t pipe -p 3 -c 3 -n 4 \
    --keys "$(rep "$(rep pc 40)$(rep p 8)$(rep c 8)ccc$(rep p 3)" 20)$(rep pc 200)" \
    >"$TXT" || fail "1000-item run failed"
audit_ok "$TXT" 1000
! grep -q 'part of an item\|died\|exited' "$TXT" ||
    fail "a reader got part of an item or a worker died: $(grep 'part of\|died\|exited' "$TXT" | head -3)"

assert_no_leftovers
echo "ok: pipe full at exactly $N, empty, FIONREAD = F_GETPIPE_SZ, tee peek, rounding, $P items audited"
exit 0
