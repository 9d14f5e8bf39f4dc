#!/usr/bin/env bash
# Every transport, headless: producers alone fill the buffer until the
# kernel puts the producer to sleep, and then nothing more is granted;
# consumers then drain it until the consumer sleeps. The counts, the
# blocked flags and the closing audit line agree.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=3
P=$(rep p 60)
C=$(rep c 60)
mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"

for t in "${names[@]}"; do
	out=$E2E_TMP/$t.json
	# A FIFO's writer sleeps in open() until a reader comes: where the
	# first p produces nothing and blocks, one c opens the way first.
	"$IPCSCOPE" --headless --json -t "$t" -n $N --keys p >"$out" ||
	    fail "$t: the first p exited $?"
	jfile "$out" "$t: the first p"
	pre=""
	jtrue "$(line "$out" 1)" '.produced == 0 and (.workers[0] | .blocked)' &&
	    pre=c
	keys=$pre$P
	"$IPCSCOPE" --headless --json -t "$t" -n $N --keys "$keys" >"$out" ||
	    fail "$t: the fill run exited $?"
	# A pipe may round the capacity up to whole items of a page.
	jcheck "$out" '.buffer.capacity >= '$N' and
	    .buffer.count == .buffer.capacity and
	    .produced == .buffer.capacity and .consumed == 0' \
	    "$t: not full after 60 p"
	jcheck "$out" '[.workers[] | select(.role == "producer")] | length == 1 and
	    (.[0] | .blocked and .state == "S" and (.reason | length) > 0)' \
	    "$t: the producer is not asleep in the kernel"
	# The step that blocked it says so, and every p after it is refused.
	first=$(jq -r 'select(.event | test("so the kernel puts P1 to sleep")) |
	    .step' "$out" | head -n 1)
	[[ -n $first ]] || fail "$t: no event says the kernel put P1 to sleep"
	refused=$(jq -r 'select(.event | test("^nothing granted")) | .step' \
	    "$out" | sort -u)
	[[ $refused == "$first" ]] ||
	    fail "$t: after step $first, steps granted were: $refused"
	(( $(grep -c '"event":"nothing granted' "$out") == ${#keys} - first )) ||
	    fail "$t: not every p after step $first was refused"

	"$IPCSCOPE" --headless --json -t "$t" -n $N --keys "$keys$C" >"$out" ||
	    fail "$t: the drain run exited $?"
	jcheck "$out" '.buffer.count == 0 and .consumed == .produced and
	    .consumed >= '$N' and .audit.taken == .consumed and
	    .audit.duplicates == 0 and .audit.out_of_order == 0' \
	    "$t: not drained"
	jcheck "$out" '.workers[] | select(.role == "consumer") | .blocked and
	    .state == "S"' "$t: the consumer is not asleep in the kernel"
	jcheck_end "$out" '.closing == {"reason": "keys", "status": 0}' \
	    "$t: the closing line"

	# The same in sentences, with the closing audit line.
	"$IPCSCOPE" --headless -t "$t" -n $N --keys "$keys$C" >"$out" ||
	    fail "$t: the text run exited $?"
	(( $(wc -l <"$out") == ${#keys} + ${#C} + 1 )) ||
	    fail "$t: $(wc -l <"$out") lines for $((${#keys} + ${#C})) keys"
	grep -qE '^1 [pc]: [PC]1 ' "$out" ||
	    fail "$t: the first line is $(head -n 1 "$out")"
	audit=$(tail -n 1 "$out")
	[[ $audit =~ ^audit:\ produced\ ([0-9]+),\ consumed\ ([0-9]+),\ in\ the\ buffer\ 0,\ duplicates\ 0,\ out\ of\ order\ 0$ ]] ||
	    fail "$t: audit line is: $audit"
	[[ ${BASH_REMATCH[1]} == "${BASH_REMATCH[2]}" ]] ||
	    fail "$t: produced and consumed differ: $audit"
	assert_no_leftovers
done
exit 0
