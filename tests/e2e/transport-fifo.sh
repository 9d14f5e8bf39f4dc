#!/usr/bin/env bash
# fifo: mkfifo in the run directory (0600); open waits for a partner and the
# viewer's looks never wake it; a producer cuts the 16-page pipe to N pages;
# N items fill it and the next write sleeps; reads drain it until read
# sleeps; FIONREAD and F_GETPIPE_SZ read through a borrowed descriptor;
# end of file once the writer is gone; 1,000 items through 3 producers and
# 3 consumers; the FIFO file removed. Run inside `unshare --ipc`.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=4
PAGE=4096
OUT=$E2E_TMP/out.json
# C1 opens first and sleeps; a second key grants nothing and the viewer's
# sampling in between does not wake it. P1 opens (C1 wakes), cuts the
# pipe, writes 4 items; the fifth write sleeps.
"$IPCSCOPE" --headless --json -t fifo -n $N --keys "cc$(rep p $((2 + N + 1)))" \
    >"$OUT" || fail "full run failed"
jcheck_at "$OUT" 2 '(.workers[] | select(.role == "consumer")) | .blocked and
    .phase == "open" and (.wchan | test("wait_for_partner"))' \
    "C1 is not asleep in open waiting for a writer"
jcheck_at "$OUT" 2 '.event | test("nothing granted")' "a blocked C1 got a permit"
jcheck_at "$OUT" 2 '.kernel.pipe.path | test("/ipcscope\\.[0-9]+\\.fifo$")' \
    "no FIFO path in the kernel view"
path=$(line "$OUT" 2 | jq -r .kernel.pipe.path)
[[ $path == "$IPCSCOPE_RUNDIR"/* ]] || fail "the FIFO $path is not in the run directory"
jcheck_at "$OUT" 3 '.kernel.pipe.capacity == 16 * '$PAGE' and
    ([.workers[] | .blocked] == [false, false])' \
    "after P1 opened, C1 is not awake or the pipe is not the kernel's 16 pages"
jcheck_at "$OUT" 4 '.kernel.pipe.capacity == 4 * '$PAGE' and
    (.event | test("F_SETPIPE_SZ"))' \
    "F_SETPIPE_SZ did not cut the FIFO to 4 pages"
jcheck_at "$OUT" $((4 + N)) '.buffer.count == 4 and .kernel.pipe.queued == 4 * '$PAGE' and
    (.workers[] | select(.role == "producer") | .blocked | not)' \
    "after 4 writes the FIFO does not hold 4 items with the producer free"
jcheck_at "$OUT" '$' '.buffer.capacity == 4 and .buffer.count == 4 and
    .kernel.pipe.queued == .kernel.pipe.capacity and
    [.buffer.slots[] | [.seq, .producer]] == [[1,1],[2,1],[3,1],[4,1]]' \
    "FIONREAD is not F_GETPIPE_SZ when full, or the peeked items are wrong"
jcheck_at "$OUT" '$' '(.workers[] | select(.role == "producer")) | .blocked and
    .phase == "write" and (.wchan | test("pipe_write"))' \
    "the producer is not asleep in write"
jcheck_at "$OUT" '$' '.produced == 4' "produced must count finished writes only"

# A producer alone sleeps in open: no reader yet.
"$IPCSCOPE" --headless --json -t fifo --keys pp >"$OUT" || fail "writer-alone run failed"
jcheck_at "$OUT" '$' '(.workers[] | select(.role == "producer")) | .blocked and
    .phase == "open" and (.wchan | test("wait_for_partner")) and
    (.reason | test("reading"))' "P1 is not asleep in open waiting for a reader"

# Drain: 1..4, P1 wakes and writes 5, C1 takes it, then read sleeps.
"$IPCSCOPE" --headless --json -t fifo -n $N \
    --keys "c$(rep p $((2 + N + 1)))$(rep c $((N + 2)))" >"$OUT" ||
    fail "drain run failed"
jcheck_at "$OUT" '$' '.buffer.count == 0 and .kernel.pipe.queued == 0 and
    (.workers[] | select(.role == "consumer")) as $c | $c.blocked and
    $c.phase == "read" and ($c.wchan | test("pipe_read"))' \
    "the FIFO is not empty with the consumer asleep in read"
jcheck_at "$OUT" '$' '.produced == 5 and .consumed == 5 and .audit.duplicates == 0' \
    "not 5 produced and consumed"

# The writer killed: the reader's next read returns 0, end of file.
TXT=$E2E_TMP/out.txt
"$IPCSCOPE" --headless -t fifo --keys cppppkccc >"$TXT" || fail "eof run failed"
grep -q '^[0-9]* c: C1 read(fd, buf, PIPE_BUF): it returns 0, end of file' "$TXT" ||
    fail "no end of file after the writer died: $(cat "$TXT")"

# 1,000 items: "pc" pairs, with bursts that fill and drain the FIFO.
"$IPCSCOPE" --headless -t fifo -p 3 -c 3 -n 4 \
    --keys "ccc$(rep p 6)$(rep "$(rep pc 40)$(rep p 8)$(rep c 8)ccc$(rep p 3)" 20)$(rep pc 200)" \
    >"$TXT" || fail "1000-item run failed"
audit_ok "$TXT" 1000
! grep -q 'part of an item\|died\|exited' "$TXT" ||
    fail "a reader got part of an item or a worker died"

# Killed viewer: the last worker out removes the FIFO (PR_SET_PDEATHSIG).
"$IPCSCOPE" --headless -t fifo --run --speed 20 >/dev/null 2>&1 &
vp=$!
d=$(( $(now_ms) + 5000 ))
until ls "$IPCSCOPE_RUNDIR" 2>/dev/null | grep -q '\.fifo$'; do
	(( $(now_ms) > d )) && fail "the FIFO never appeared"
	sleep 0.01
done
[[ $(stat -c %A "$IPCSCOPE_RUNDIR"/*.fifo) == prw------- ]] ||
    fail "the FIFO is not mode 0600: $(ls -l "$IPCSCOPE_RUNDIR")"
kill -KILL $vp
wait $vp 2>/dev/null
d=$(( $(now_ms) + 5000 ))
until [[ -z $(ls "$IPCSCOPE_RUNDIR" 2>/dev/null) ]]; do
	(( $(now_ms) > d )) && fail "after SIGKILL the run dir still holds: $(ls "$IPCSCOPE_RUNDIR")"
	sleep 0.01
done

assert_no_leftovers
echo "ok: fifo open waits, cut to $N pages, full, empty, end of file, $P items audited, removed"
exit 0
