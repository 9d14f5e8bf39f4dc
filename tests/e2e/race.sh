#!/usr/bin/env bash
# --unsafe on sysv-shm and posix-shm, headless: two producers stepped in
# turn (p is round robin) both read in = 0 and write slot 0, so the second
# writes over the first's item: the fact names it (other), the sentence
# says it is lost, in is stored 1 twice, and the audit counts lost 1 in
# the JSON and on the closing line. Two consumers both read out = 0 and
# take item 1 twice: a duplicate. The same keys without --unsafe lose and
# duplicate nothing (the second sleeps on the mutex).
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

OUT=$E2E_TMP/out.json
TXT=$E2E_TMP/out.txt
for t in sysv-shm posix-shm; do
	# Steps to attach: shmat; shm_open and mmap.
	a=1
	[[ $t == posix-shm ]] && a=2
	# Two producers: attach, wait-empty, read in, write: each in turn;
	# then both store in + 1 and post full.
	pk=$(rep p $((2 * (a + 3))))$(rep p 4)
	"$IPCSCOPE" --headless --json -t $t -p 2 --unsafe --keys "$pk" \
	    >"$OUT" || fail "$t: unsafe producers run failed"
	n=$((2 * (a + 3)))
	jcheck_at "$OUT" $((n - 2)) '[.facts[] | select(.phase == "read-in")
	    | .slot] == [0]' "$t: the first producer's read in is not slot 0"
	jcheck_at "$OUT" $((n - 1)) '[.facts[] | select(.phase == "write-at")
	    | [.slot, .item, .other]] == [[0, 1, null]]' \
	    "$t: the first write is not item 1 into an empty slot 0"
	jcheck_at "$OUT" $n '[.facts[] | select(.phase == "write-at")
	    | [.slot, .item, .other]] == [[0, 2, 1]] and
	    (.event | test("item 2 goes into slot 0 over item 1, which no consumer took: item 1 is lost"))' \
	    "$t: the second write does not say it wrote over item 1"
	jcheck_at "$OUT" $n '.audit.lost == 1 and .buffer.slots[0].seq == 2' \
	    "$t: lost is not 1 once item 1 is written over"
	jcheck "$OUT" '.buffer.in == 1 and .buffer.count == 1 and
	    .kernel.sem.values.full == 2 and .produced == 2 and
	    .audit.lost == 1 and .audit.duplicates == 0' \
	    "$t: in is not 1 (stored twice), or full is not 2 for 1 item"
	jcheck_end "$OUT" '.audit.lost == 1 and (.event | endswith(", lost 1"))' \
	    "$t: the closing line does not count lost 1"
	# The same keys, the mutex kept: nothing lost.
	"$IPCSCOPE" --headless --json -t $t -p 2 --keys "$pk" >"$OUT" ||
	    fail "$t: safe producers run failed"
	jcheck "$OUT" '.audit.lost == 0 and .audit.duplicates == 0' \
	    "$t: the safe run lost an item"
	jcheck_end "$OUT" '.audit.lost == 0 and (.event | test("lost") | not)' \
	    "$t: the safe closing line says lost"
	jfile "$OUT" "$t"
	jq -e -s '[.[].facts[]? | select(.other != null)] | length == 0' \
	    "$OUT" >/dev/null || fail "$t: a safe run met another's item"
	# Text: the sentence and the closing line.
	"$IPCSCOPE" --headless -t $t -p 2 --unsafe --keys "$pk" >"$TXT" ||
	    fail "$t: text run failed"
	grep -q "^$n p: P[12] write slot i: item 2 goes into slot 0 over item 1, which no consumer took: item 1 is lost$" \
	    "$TXT" || fail "$t: no sentence naming item 1 lost: $(cat "$TXT")"
	[[ $(last "$TXT") =~ ^audit:\ produced\ 2,\ consumed\ 0,\ in\ the\ buffer\ 1,\ duplicates\ 0,\ out\ of\ order\ 0,\ lost\ 1$ ]] ||
	    fail "$t: closing line: $(last "$TXT")"

	# One producer makes 2 items; two consumers attach, wait for full,
	# read out and read the slot, each in turn.
	ck=$(rep p $((a + 10)))$(rep c $((2 * (a + 3))))
	n=$((a + 10 + 2 * (a + 3)))
	"$IPCSCOPE" --headless --json -t $t -c 2 --unsafe --keys "$ck" \
	    >"$OUT" || fail "$t: unsafe consumers run failed"
	jcheck_at "$OUT" $((n - 1)) '[.facts[] | select(.phase == "read-at")
	    | [.slot, .item, .other]] == [[0, 1, null]]' \
	    "$t: the first consumer does not read item 1 from slot 0"
	jcheck_at "$OUT" $n '[.facts[] | select(.phase == "read-at")
	    | [.slot, .item, .other]] == [[0, 1, 1]] and
	    (.event | test("item 1 comes out of slot 0, which was emptied before: item 1 is taken a second time"))' \
	    "$t: the second consumer does not say it took item 1 again"
	"$IPCSCOPE" --headless --json -t $t -c 2 --unsafe --keys "$ck$(rep c 4)" \
	    >"$OUT" || fail "$t: unsafe consumers run failed"
	jcheck "$OUT" '.consumed == 2 and .audit.taken == 2 and
	    .audit.duplicates == 1 and .audit.lost == 0 and .buffer.out == 1' \
	    "$t: the audit does not count one duplicate"
	jcheck_end "$OUT" '.event | test("duplicates 1,")' \
	    "$t: the closing line does not count the duplicate"
	"$IPCSCOPE" --headless --json -t $t -c 2 --keys "$ck$(rep c 4)" \
	    >"$OUT" || fail "$t: safe consumers run failed"
	jcheck "$OUT" '.audit.duplicates == 0 and .audit.lost == 0' \
	    "$t: the safe consumers took an item twice"
done
assert_no_leftovers
echo "ok race"
