#!/usr/bin/env bash
# --graph, headless: on every transport, a pipeline P -> F -> C and a
# fan-in/fan-out graph {P1, P2} -> F*2 -> {C1, C2} (each transport on one
# edge of one of them) reach full and empty on each buffer and a blocked
# middle stage (its output full while its input has items), with the
# JSON naming each worker's buffers; the audit follows 1,000 items end
# to end on every transport; the shipped pipeline scenario plays to its
# blocked middle stage, and one naming a process the graph lacks is
# refused; SIGTERM and a killed middle stage leave nothing behind.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

N=2
TAB=$'\t'

# walk OUT TABS SPEC [-t T]: P fills B1 until it sleeps; the middle stage
# (selected with TABS tabs, stepped with f) fills B2 while P refills B1,
# until it sleeps on B2; then c (filters and sinks, never P) drains both.
walk() {
	local out=$1 tabs=$2 spec=$3
	shift 3
	"$IPCSCOPE" --headless --json -n $N "$@" --graph "$spec" --keys \
	    "g$(rep cp 4)$(rep p 6)$tabs$(rep fp 8)$(rep c 24)" >"$out" ||
	    fail "$spec $*: exited $?"
}

# check OUT WHAT [JQ-EXPR]: the states the walk must reach, a clean
# audit and, on the last snapshot, JQ-EXPR; one jq over the whole run.
check() {
	local out=$1 what=$2 more=${3:-true} why prog
	prog='.[:-1] as $s | $s[-1] as $l | [
	    ((.[-1].closing | type) == "object" and all($s[]; .closing == null) and
	    ($s | length) > 2) // "not snapshots and then one closing line",
	    ($s[0] | .graph != null and (.buffers | length) == 2 and
	    ([.workers[] | select(.role == "producer") | .to] | unique) == ["B1"] and
	    ([.workers[] | select(.role == "filter") | [.from, .to]] | unique) ==
	    [["B1", "B2"]] and
	    ([.workers[] | select(.role == "consumer") | .from] | unique) == ["B2"])
	    // "the JSON does not name the buffers of each worker",
	    any($s[]; .buffers[0].count > 0 and
	    .buffers[0].count == .buffers[0].capacity and any(.workers[];
	    .role == "producer" and .blocked and .on == "B1"))
	    // "B1 never full with a producer asleep on it",
	    any($s[]; .buffers[1].count > 0 and
	    .buffers[1].count == .buffers[1].capacity and .buffers[0].count > 0 and
	    all(.workers[] | select(.role == "filter"); .blocked and .on == "B2" and
	    .via == "F"))
	    // "never a middle stage asleep on a full B2 with items in B1, carrying an item it marked",
	    all($s[]; all(.buffers[0].slots[] | select(.full); .via == null) and
	    all(.buffers[1].slots[] | select(.full and .seq > 0); .via == "F"))
	    // "an item in B1 marked, or one in B2 not marked F",
	    ($l | .buffers[0].count == 0 and .buffers[1].count == 0 and
	    all(.workers[] | select(.role == "filter"); .blocked and .on == "B1") and
	    all(.workers[] | select(.role == "consumer"); .blocked and .on == "B2") and
	    .produced > '$N' and .produced == .consumed and
	    .audit.taken == .consumed and .audit.duplicates == 0 and
	    .audit.misrouted == 0 and .audit.lost == 0)
	    // "not drained to empty buffers with a clean audit",
	    ($l | '$more') // "the last snapshot fails: '"${more//\"/}"'"
	    ] | map(select(type == "string")) | join("; ")'
	why=$(jq -s -r "$prog" "$out" 2>&1) || fail "$what: not JSON: $why"
	[[ -z $why ]] || fail "$what: $why"
}

mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} == 8 )) || fail "expected 8 transports, got: ${names[*]}"

# 1,000 items end to end through P -> F -> C on each transport, and fanned
# in through a pipe to F, fanned out through a queue: ~3 s each, mostly
# waiting for the workers to settle, so all of them run at once, behind
# the walks (independent runs, each with its own objects).
thousand=()
# thousand_run NAME ARGS: p makes an item, c steps F or a sink; the
# last c's drain both buffers.
thousand_run() {
	local name=$1
	shift
	"$IPCSCOPE" --headless -n 4 "$@" --keys "g$(rep pcc 1010)$(rep c 24)" \
	    >"$E2E_TMP/1000-$name.txt" || fail "the 1000-item run $name: exited $?"
}
for t in "${names[@]}"; do
	thousand_run "$t" -t "$t" --graph 'P -> F -> C' &
	thousand+=($!)
done
thousand_run fan --graph '{P1, P2} -pipe-> F -sysv-msg-> {C1, C2}' &
thousand+=($!)
# Two at a time: the walks are independent runs.
pids=()
for t in "${names[@]}"; do
	walk "$E2E_TMP/$t.json" "$TAB$TAB" 'P -> F -> C' -t "$t" &
	pids+=($!)
done
for ((i = 0; i < 8; i += 2)); do
	walk "$E2E_TMP/fan$i.json" "$TAB$TAB$TAB" \
	    "{P1, P2} -${names[i]}-> F*2 -${names[i + 1]}-> {C1, C2}" &
	pids+=($!)
done
for p in "${pids[@]}"; do
	wait "$p" || exit 1
done
# The checks, in parallel too: a failing one exits its subshell 1.
pids=()
for t in "${names[@]}"; do
	check "$E2E_TMP/$t.json" "P -> F -> C over $t" \
	    '[.buffers[].transport] == ["'"$t"'", "'"$t"'"]' &
	pids+=($!)
done
for ((i = 0; i < 8; i += 2)); do
	check "$E2E_TMP/fan$i.json" "fan over ${names[i]} and ${names[i + 1]}" \
	    '[.buffers[].transport] == ["'"${names[i]}"'", "'"${names[i + 1]}"'"] and
	    [.workers[].label] == ["P1", "P2", "F1", "F2", "C1", "C2"] and
	    ([.workers[] | select(.role == "consumer") | .done] | all(. > 0))' &
	pids+=($!)
done
for p in "${pids[@]}"; do
	wait "$p" || exit 1
done

# Every 1,000-item run drained with a clean audit: produced == consumed,
# no duplicate, none misrouted (the objects gone before the next checks).
for p in "${thousand[@]}"; do
	wait "$p" || exit 1
done
for f in "$E2E_TMP"/1000-*.txt; do
	a=$(tail -n 1 "$f")
	[[ $a =~ ^audit:\ produced\ ([0-9]+),\ consumed\ ([0-9]+),\ in\ the\ buffers\ 0,\ carried\ by\ filters\ 0,\ duplicates\ 0,\ misrouted\ 0$ ]] ||
	    fail "${f##*/1000-}: no clean, drained audit line: $a"
	(( BASH_REMATCH[1] >= 1000 )) || fail "${f##*/1000-}: fewer than 1000 items: $a"
	(( BASH_REMATCH[1] == BASH_REMATCH[2] )) ||
	    fail "${f##*/1000-}: items lost or invented: $a"
done
(( $(ls "$E2E_TMP"/1000-*.txt | wc -l) == 9 )) || fail "not 9 runs of 1000 items"
assert_no_leftovers

# The shipped pipeline scenario, headless: each caption of the file in
# turn at its pause, and at one of them the middle stage asleep on its
# full output while its input has items.
out=$E2E_TMP/pipeline.json
"$IPCSCOPE" --headless --json --scenario pipeline >"$out" ||
    fail "the pipeline scenario exited $?"
scn=$(dirname "$0")/../../assets/scenarios/pipeline.scn
want=$(sed -n 's/^caption "\(.*\)"$/\1/p' "$scn" | tail -n +2 | jq -R . | jq -s -c .)
why=$(jq -s -r --argjson want "$want" '[
    ([.[] | select(.key == "pause") | .scenario.caption] == $want)
    // "the pauses do not show the file'"'"'s captions in turn",
    (.[0].graph == "P -> F -> C" and ([.[0].workers[].label] == ["P", "F", "C"]))
    // "not the graph the file sets",
    any(.[] | select(.key == "pause"); .buffers[0].count > 0 and
    .buffers[1].count == .buffers[1].capacity and any(.workers[];
    .label == "F" and .blocked and .on == "B2"))
    // "no pause with F asleep on a full B2 while B1 has items",
    (.[-1].closing.reason == "script" and .[-1].scenario.over)
    // "the script did not play to its end"
    ] | map(select(type == "string")) | join("; ")' "$out" 2>&1) ||
    fail "the pipeline scenario: not JSON: $why"
[[ -z $why ]] || fail "the pipeline scenario: $why"
assert_no_leftovers

# A process the graph lacks (F2 of P -> F -> C), a setting the graph
# replaces, a spec it cannot take: the file's line and column, exit 2,
# before anything is made.
bad=$E2E_TMP/bad.scn
refused() {
	local what=$1 body=$2 want=$3 st
	printf 'title "x"\n%b' "$body" >"$bad"
	"$IPCSCOPE" --headless --scenario "$bad" >"$E2E_TMP/bad.out" 2>"$E2E_TMP/bad.err"
	st=$?
	(( st == 2 )) || fail "$what: exit $st, not 2"
	[[ $(cat "$E2E_TMP/bad.err") == "ipcscope: $bad:$want" ]] ||
	    fail "$what: $(cat "$E2E_TMP/bad.err")"
	[[ ! -s $E2E_TMP/bad.out ]] || fail "$what: printed $(head -c 200 "$E2E_TMP/bad.out")"
}
refused "a process the graph lacks" 'graph "P -> F -> C"\nstep P\n  step F2 3\n' \
    '4:8: expected a process of the graph (P, F, C), found "F2"'
refused "producers beside a graph" 'graph "P -> F -> C"\nproducers 2\nstep P\n' \
    "3:1: producers has no effect with --graph: its stages say who runs"
refused "a bad spec" 'slots 2\n graph "P -> F ->"\n' \
    "3:2: --graph 'P -> F ->': expected a stage after '->' at column 10"
assert_no_leftovers

# SIGTERM while it runs: every object of every buffer goes.
out=$E2E_TMP/term.json
"$IPCSCOPE" --headless --json --run --speed 10 \
    --graph 'P -posix-shm-> F*2 -posix-mq-> C' >"$out" 2>&1 &
v=$!
d=$(( $(now_ms) + 5000 ))
until grep -q '"produced":[1-9]' "$out"; do
	(( $(now_ms) > d )) && fail "no item made: $(tail -c 300 "$out")"
	sleep 0.01
done
kids=$(children $v)
(( $(wc -l <<<"$kids") == 4 )) || fail "not 4 workers: $kids"
[[ -n $(leftovers) ]] || fail "the run shows no objects while it runs"
kill -TERM $v
wait $v
(( $? == 143 )) || fail "SIGTERM: exit status not 143"
jcheck_end "$out" '.closing.reason == "signal" and .audit.misrouted == 0' \
    "SIGTERM: the closing line does not say so"
for k in $kids; do alive "$k" && fail "worker $k outlived the viewer"; done
assert_no_leftovers

# The middle stage killed: what it carried is lost and said so; the
# rest run on; q removes every buffer.
out=$E2E_TMP/kill.json
"$IPCSCOPE" --headless --json -n $N --graph 'P -sysv-shm-> F -fifo-> C' \
    --keys "g$(rep cp 4)$(rep p 4)$TAB$TAB$(rep f 4)$TAB$TAB${TAB}kppccq" >"$out" ||
    fail "the kill run exited $?"
[[ -n $(jq -c 'select(.key == "k" and (.event | test("^F \\(pid [0-9]+\\) died of signal 9")) and
    any(.workers[]; .label == "F" and (.alive | not)))' "$out") ]] ||
    fail "k did not kill F: $(grep '"key":"k"' "$out" | cut -c1-300)"
jcheck_end "$out" '.closing.reason == "quit" and .audit.lost == 1 and
    .audit.misrouted == 0 and .audit.duplicates == 0' \
    "the kill run: not one item lost (the one F carried), clean otherwise"
assert_no_leftovers
exit 0
