#!/usr/bin/env bash
# posix-shm: the buffer fills until the producer sleeps in sem_wait(&empty)
# and drains until the consumer sleeps in sem_wait(&full), with the
# semaphores, the /dev/shm object and its mappers checked in the JSON;
# then 1,000 items through 3 producers and 3 consumers, nothing lost,
# duplicated or reordered. Run inside `unshare --ipc`.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=3
OUT=$E2E_TMP/out.json
# P1: shm_open and mmap, then 5 steps per item; one more step blocks it.
"$IPCSCOPE" --headless --json -t posix-shm -n $N \
    --keys "$(rep p $((2 + 5 * N + 1)))" >"$OUT" || fail "full run failed"
jcheck "$OUT" '.buffer.capacity == 3 and .buffer.count == 3 and
    ([.buffer.slots[] | select(.full)] | length) == 3' "buffer not full"
jcheck "$OUT" '[.buffer.slots[].seq] == [1,2,3] and .buffer.in == 0 and
    .buffer.out == 0' "slots not 1,2,3 with in = out = 0"
jcheck "$OUT" '.kernel.sem.values == {"empty":0,"full":3,"mutex":1}' \
    "semaphores are not empty 0, full 3, mutex 1"
jcheck "$OUT" '.kernel.sem.waiting.empty == 1 and
    .kernel.sem.waiting.full == 0' "no waiter counted on empty"
jcheck "$OUT" '.workers[] | select(.role == "producer") | .blocked and
    .phase == "wait-empty" and .state == "S" and (.wchan | test("futex"))' \
    "the producer is not asleep in sem_wait(&empty)"
jcheck "$OUT" '.produced == 3 and .consumed == 0' "produced is not 3"
# The /dev/shm object: our name, a size that holds the slots, and mapped
# by the viewer (whose pid is in the name) and P1, not yet by C1.
jcheck "$OUT" '.kernel.posix_shm.name | test("^/ipcscope\\.[0-9]+\\.buf$")' \
    "bad object name"
jcheck "$OUT" '.kernel.posix_shm.size >= 3 * 64 + 8' "object too small"
jcheck "$OUT" '(.kernel.posix_shm.name | capture("\\.(?<p>[0-9]+)\\.").p |
    tonumber) as $v | (.workers[] | select(.role == "producer") | .pid) as $p |
    (.kernel.posix_shm.mappers | sort) == ([$v, $p] | sort)' \
    "mappers are not exactly the viewer and P1"

# Then C1 maps it and takes all 3; P1 wakes, fills slot 0, C1 takes that
# too and sleeps on full.
"$IPCSCOPE" --headless --json -t posix-shm -n $N \
    --keys "$(rep p $((2 + 5 * N + 1)))$(rep c $((2 + 5 * N)))$(rep p 4)$(rep c 6)" \
    >"$OUT" || fail "drain run failed"
jcheck "$OUT" '.buffer.count == 0 and ([.buffer.slots[] | select(.full)] |
    length) == 0' "buffer not empty"
jcheck "$OUT" '.kernel.sem.values == {"empty":3,"full":0,"mutex":1} and
    .kernel.sem.waiting.full == 1' "semaphores are not empty 3, full 0 with a waiter"
jcheck "$OUT" '.workers[] | select(.role == "consumer") | .blocked and
    .phase == "wait-full" and .state == "S"' \
    "the consumer is not asleep in sem_wait(&full)"
jcheck "$OUT" '.produced == 4 and .consumed == 4 and .audit.taken == 4 and
    .buffer.in == 1 and .buffer.out == 1' "not 4 produced and consumed"
jcheck "$OUT" '(.kernel.posix_shm.mappers | length) == 3' "C1 does not map it"
jcheck "$OUT" '.event | test("nothing granted") | not' "last key granted nothing"

# 1,000 items: one system call per key first (so the mutex is contended),
# then one item per key; a last round lets items under way finish.
TXT=$E2E_TMP/out.txt
"$IPCSCOPE" --headless -t posix-shm -p 3 -c 3 -n 4 \
    --keys "$(rep pc 1500)g$(rep pc 800)pppccc" >"$TXT" || fail "1000-item run failed"
audit_ok "$TXT" 1000

# --mailbox belongs to sysv-msg.
"$IPCSCOPE" --headless -t posix-shm --mailbox --keys p >/dev/null 2>&1
(( $? == 2 )) || fail "--mailbox with posix-shm did not exit 2"

# A name already in /dev/shm (exec keeps the pid the name is made from):
# one line, exit 2, and the object that was there before is left alone.
err=$(sh -c 'echo $$ >"$1"; : >"/dev/shm/ipcscope.$$.buf"; exec "$0" \
    --headless -t posix-shm --keys p' "$IPCSCOPE" "$E2E_TMP/pid" 2>&1 >/dev/null)
rc=$?
taken=/dev/shm/ipcscope.$(cat "$E2E_TMP/pid").buf
[[ -e $taken ]] || fail "name taken: the object that was there was removed"
rm -f "$taken"
(( rc == 2 )) || fail "name taken: exit $rc, not 2"
[[ $(wc -l <<<"$err") == 1 && $err == *shm_open*taken* ]] ||
    fail "name taken: not one line: $err"

assert_no_leftovers
echo "ok: posix-shm full, empty, kernel view, $P items audited"
exit 0
