#!/usr/bin/env bash
# ipcscope bench, no timing asserted:
# 1. a short run over every transport and size: every item sent arrived
#    intact and in order (the bench's own counts, which the test reads
#    back from the JSON), every field is there, and a size a transport
#    cannot carry names the limit;
# 2. the table's closing line says so too; --free, headless (a line a
#    second) and on the screen (each worker's items/s, live); there, b
#    shows the transport's last figures (kept by step 1's run), and says
#    so when there are none;
# 3. bad input: one line, exit status 2, nothing made;
# 4. Ctrl-C mid-run prints what was measured, exits 130, and leaves no
#    object, no run file and no process.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the bench's JSON"
set -m
OUT=$E2E_TMP/out
ERR=$E2E_TMP/err
PID=0
trap '(( PID > 0 )) && kill -KILL $PID 2>/dev/null; e2e_cleanup' EXIT
# Where bench keeps each transport's figures for the screen's b.
export XDG_CACHE_HOME=$E2E_TMP/cache

# 1. Every transport, every default size.
"$IPCSCOPE" bench --seconds 0.05 --repeat 1 --json >"$OUT" 2>"$ERR" ||
    fail "bench exited $?: $(cat "$ERR")"
[[ $(wc -l <"$OUT") == 1 ]] || fail "not one JSON line: $(cat "$OUT")"
jq -e '.bench | has("seconds") and has("repeat") and has("repeats_done")
    and has("slots") and has("ncpus") and has("cpu_model") and has("pinned")
    and has("interrupted") and .interrupted == false and .repeats_done == 1' \
    "$OUT" >/dev/null || fail "the bench object lacks a field: $(jq -c .bench "$OUT")"
jq -e '[.machine[] | select(has("size") and has("runs") and .runs == 1
    and .memcpy_bytes_s.median > 0 and .spin_items_s.median > 0)]
    | length == 4' "$OUT" >/dev/null ||
    fail "the machine's figures are not all there: $(jq -c .machine "$OUT")"
jq -e '.crossover | has("size") and (.sentence | length > 0)' "$OUT" \
    >/dev/null || fail "no crossover: $(jq -c .crossover "$OUT")"
jq -e '.observer | .runs == 1 and .hz == 30 and .error == null and
    .unwatched_items_s.median > 0 and .watched_items_s.median > 0 and
    .ratio > 0' "$OUT" >/dev/null ||
    fail "no observer: $(jq -c .observer "$OUT")"
# A frame's snapshot against the kernel reads it cannot avoid: both
# timed (at least 3 frames each), and their ratio.
jq -e '.observer | .frames >= 3 and .frame_ns.median > 0 and
    .kernel_reads_ns.median > 0 and .frame_ratio > 0 and
    (.frame_ratio - .frame_ns.median / .kernel_reads_ns.median | fabs)
    < 0.001' "$OUT" >/dev/null ||
    fail "no frame against its kernel reads: $(jq -c .observer "$OUT")"
n=$(jq '.results | length' "$OUT")
(( n == $("$IPCSCOPE" --list-transports | wc -l) * 4 )) ||
    fail "$n results, not 4 per transport"
fields='transport size carried why runs items_s bytes_s rtt_median_ns
    rtt_p99_ns of_spin of_memcpy sent received intact out_of_order verified'
for f in $fields; do
	jq -e --arg f "$f" 'all(.results[]; has($f))' "$OUT" >/dev/null ||
	    fail "a result lacks \"$f\""
done
# What it carried: measured, and every item sent arrived, intact, in order.
bad=$(jq -c '.results[] | select(.carried) | select(.runs != 1 or
    .verified != true or .sent == 0 or .sent != .received or
    .intact != .received or .out_of_order != 0 or .items_s.median <= 0 or
    .rtt_median_ns.median <= 0)' "$OUT")
[[ -z $bad ]] || fail "not verified: $bad"
(( $(jq '[.results[] | select(.carried)] | length' "$OUT") >= 8 )) ||
    fail "fewer than 8 cells carried"
# What it did not carry names the limit.
bad=$(jq -c '.results[] | select(.carried | not) | select((.why // "")
    | test("PIPE_BUF|/proc/sys/kernel/msgmax|/proc/sys/fs/mqueue/msgsize_max")
    | not)' "$OUT")
[[ -z $bad ]] || fail "a size not carried without its limit: $bad"
jq -e '.results[] | select(.transport == "pipe" and .size == 65536)
    | .carried == false' "$OUT" >/dev/null || fail "the pipe carried 64 KiB"
assert_no_leftovers

# 2. The table says it checked them.
"$IPCSCOPE" bench --seconds 0.05 --repeat 1 -t pipe --sizes 64 >"$OUT" \
    2>"$ERR" || fail "bench -t pipe exited $?: $(cat "$ERR")"
grep -qE '^Every item sent arrived intact and in order \([1-9][0-9]* items checked\)\.$' \
    "$OUT" || fail "no verified line: $(cat "$OUT")"
grep -qE '^pipe +64 B +[0-9.]+ [kM]? ?\(' "$OUT" || fail "no pipe row: $(cat "$OUT")"
[[ ! -s $ERR ]] || fail "stderr not a terminal, yet: $(cat "$ERR")"

# 2b. --headless --free: a line a second, each worker's items/s, then
#    the totals; the objects removed. (2c: the same on the screen.)
"$IPCSCOPE" --headless --free -p 2 -c 2 --seconds 1.2 >"$OUT" 2>"$ERR" ||
    fail "--headless --free exited $?: $(cat "$ERR")"
grep -qE '^1\.[0-9] s: [0-9.]+ [kM]? ?items/s; P1 [0-9.]+ ?[kM]?, P2 [0-9.]+ ?[kM]?, C1 [0-9.]+ ?[kM]?, C2 [0-9.]+ ?[kM]?$' \
    "$OUT" || fail "--free: no line for the first second: $(cat "$OUT")"
[[ $(wc -l <"$OUT") == 3 ]] || fail "--free: not 2 lines and the totals: $(cat "$OUT")"
[[ $(tail -n 1 "$OUT") =~ ^free:\ 1\.[0-9]\ s,\ ([0-9]+)\ items\ produced,\ ([0-9]+)\ consumed$ ]] ||
    fail "--free: no closing line: $(tail -n 1 "$OUT")"
(( BASH_REMATCH[2] > 100 )) || fail "--free: fewer than 100 items: $(tail -n 1 "$OUT")"
assert_no_leftovers

# 2c. --free on the screen: each worker's items/s, live, and the badge;
#     q quits and removes everything.
tui_start 120 40 --free -p 2 -c 2
wait_for '^  C2 +consumer .*, [1-9][0-9]* items/s' 10000 ||
    fail "--free: no items/s on C2's row"
wait_for 'F R E E  no permits, 30 Hz, [1-9][0-9]* items/s' ||
    fail "--free: no FREE badge with the total"
# b: sysv-shm's rows from step 1, as its table printed them; any key
# closes them. Without the file, the box says how to make it.
[[ -s $XDG_CACHE_HOME/ipcscope/bench-sysv-shm.txt ]] ||
    fail "bench kept no figures in $XDG_CACHE_HOME/ipcscope"
keys b
wait_for ' Bench: sysv-shm ' 2000 || fail "b: no bench box"
for sz in '64 B' '1 KiB' '8 KiB' '64 KiB'; do
	wait_for "sysv-shm +$sz +[0-9.]+ ?[kM]? \\(" 1000 ||
	    fail "b: no sysv-shm row at $sz"
done
keys b
wait_gone ' Bench: sysv-shm ' 1000 || fail "b did not close the figures"
rm "$XDG_CACHE_HOME/ipcscope/bench-sysv-shm.txt"
keys b
wait_for 'No bench figures for sysv-shm yet: ipcscope bench -t sysv-shm' \
    1000 || fail "b: nothing said without figures"
keys x
wait_gone ' Bench: sysv-shm ' 1000 || fail "a key did not close the figures"
keys q
[[ $(wait_exit) == 0 ]] || fail "--free: q did not end it with status 0"
assert_no_leftovers

# 3. Bad input: one line on stderr, status 2, nothing on stdout.
bad_input() {
	local want=$1 st
	shift
	"$IPCSCOPE" "$@" >"$OUT" 2>"$ERR"
	st=$?
	(( st == 2 )) || fail "$* exited $st, not 2: $(cat "$ERR")"
	[[ $(wc -l <"$ERR") == 1 ]] || fail "$*: not one line: $(cat "$ERR")"
	grep -qF -- "$want" "$ERR" || fail "$*: no \"$want\" in: $(cat "$ERR")"
	[[ ! -s $OUT ]] || fail "$*: wrote to stdout: $(cat "$OUT")"
}
bad_input 'too small; allowed: 16..65536' bench --sizes 0
bad_input 'too large; allowed: 16..65536' bench --sizes 1G
bad_input 'not a whole number' bench --sizes 64,,1K
bad_input 'too small; allowed: 0.01..60' bench --seconds -1
bad_input 'not a whole number of seconds' bench --seconds 1s
bad_input '--repeat "0"' bench --repeat 0
bad_input 'PIPE_BUF' bench -t pipe --sizes 64K
bad_input '/proc/sys/kernel/msgmax' bench -t sysv-msg --sizes 64,64K
bad_input 'has no effect on the screen' --pin
bad_input 'has no effect with bench' bench --speed 100
bad_input 'has no effect with --headless --free' --headless --free --keys p
bad_input 'has no effect with --headless --free' --headless --free --record x
assert_no_leftovers

# 4. Ctrl-C once a transport's objects are made and its processes run:
#    the run directory then holds its run file.
"$IPCSCOPE" bench --seconds 0.5 --repeat 3 --json >"$OUT" 2>"$ERR" &
PID=$!
d=$(( $(now_ms) + 10000 ))
until [[ -n $(ls -A "$IPCSCOPE_RUNDIR" 2>/dev/null) ]] &&
    (( $(children $PID | wc -l) >= 2 )); do
	alive $PID || fail "bench ended before making anything: $(cat "$ERR")"
	(( $(now_ms) > d )) && fail "no run file within 10 s"
	sleep 0.01
done
kids=$(children $PID)
kill -INT $PID
wait $PID
st=$?
PID=0
(( st == 130 )) || fail "Ctrl-C: exit $st, not 130: $(cat "$ERR")"
jq -e '.bench.interrupted == true and (.results | length > 0)' "$OUT" \
    >/dev/null || fail "Ctrl-C: no JSON of what was measured: $(cat "$OUT")"
for k in $kids; do
	alive "$k" && fail "Ctrl-C: process $k still runs"
done
assert_no_leftovers
exit 0
