#!/usr/bin/env bash
# The model behind the JSON (issue 8), on real runs of every transport:
# one buffer, carried by objects the frame holds, named by idents that
# stay the same from frame to frame; the design.md fields (buffer,
# kernel) are exactly the first buffer and the first object of each
# kind; producers put into the buffer and consumers take from it; and the
# facts are the data the sentence was made of (an item the event names
# is an item of the facts; a worker woken by another's step is in both).
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the snapshots"

mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"

# Per line: true, or what is wrong.
CHECK='
def legacy(o): o | del(.kind, .ident, .posix, .names);
def kernel_key(k): if k == "fifo" then "pipe" else k end;
if (.buffers | length) != 1 then "not one buffer"
elif .buffers[0].name != "B1" then "the buffer is not B1"
elif (.buffers[0].objects | length) < 1 then "nothing carries the buffer"
elif ([.objects[].ident] | unique | length) != (.objects | length)
    then "two objects share an ident"
elif (.buffers[0].objects | sort) != ([.objects[].ident] | sort)
    then "the one buffer is not carried by every object of the frame"
elif (.buffer != (.buffers[0] | del(.name, .objects)))
    then "buffer is not the first of buffers"
elif ([.objects | group_by(.kind)[] | .[0]
        | {key: kernel_key(.kind), value: legacy(.)}] | from_entries)
    != .kernel then "kernel is not the first object of each kind"
elif any(.workers[]; (.role == "producer" and (.to != "B1" or .from != null))
        or (.role == "consumer" and (.from != "B1" or .to != null)))
    then "a worker names the wrong buffer"
elif ([.event | scan("item ([0-9]+) (?:goes|comes|is queued)") | .[0] | tonumber]
        - [.facts[].item] | length) > 0
    then "the event names an item no fact has"
elif any(.facts[]; .outcome != "done" and .outcome != "asleep")
    then "a call failed in a clean run"
else true end'

n=0 items=0
for t in "${names[@]}"; do
	out=$E2E_TMP/$t.json
	"$IPCSCOPE" --headless --json -t "$t" -n 3 -p 2 -c 2 \
	    --keys pppppppppppcccccccccccpcpcpcpc >"$out" 2>"$E2E_TMP/err" ||
	    fail "$t: exited $?: $(cat "$E2E_TMP/err")"
	(( $(wc -l <"$out") == 31 )) || fail "$t: $(wc -l <"$out") lines, not 30 and the closing one"
	jq -r "$CHECK" "$out" >"$E2E_TMP/verdicts" || fail "$t: jq failed"
	(( $(wc -l <"$E2E_TMP/verdicts") == 31 )) || fail "$t: not a verdict a line"
	bad=$(awk '$0 != "true" { print NR ": " $0; exit }' "$E2E_TMP/verdicts")
	[[ -z $bad ]] || fail "$t line $bad: $(sed -n "${bad%%:*}p" "$out" | cut -c1-400)"
	# Idents stay the same from frame to frame.
	k=$(jq -sr '[.[] | [.objects[].ident] | sort] | unique | length' "$out")
	(( k == 1 )) || fail "$t: the objects' idents change between frames ($k sets)"
	# The facts of the workers another's step woke, and their sentence.
	w=$(jq -s '[.[] | select(.event | test("wakes up")) |
	    select(any(.facts[]; .woken))] | length' "$out")
	(( w > 0 )) || fail "$t: no wake-up said and recorded as facts"
	m=$(jq -s '[.[].facts[] | select(.item != null)] | length' "$out")
	(( m > 0 )) || fail "$t: no fact names an item"
	items=$((items + m))
	n=$((n + 1))
done
(( n == ${#names[@]} )) || fail "only $n transports checked"
assert_no_leftovers
echo "ok model: $n transports, $items facts with an item"
