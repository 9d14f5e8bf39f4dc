#!/usr/bin/env bash
# --headless --json: every line is one JSON object with the fields of the
# design.md contract, of the right types: one per key, then the closing
# line (a snapshot whose "closing" says why the run ended, with text mode's
# audit line as its event). Each live worker is either ready (waiting for
# a permit) or blocked, never both. The same key script run twice gives
# the same lines once pids, ids, keys and times are set aside.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"

# Fill 2 slots, one step too many, drain them, switch grain, ask for help.
KEYS="pppppppppppppcccccccccccc pcg p?q"
A=$E2E_TMP/a.json
B=$E2E_TMP/b.json

"$IPCSCOPE" --headless --json -n 2 --keys "$KEYS" >"$A" 2>"$E2E_TMP/err" ||
    fail "first run exited $?: $(cat "$E2E_TMP/err")"
[[ -s $E2E_TMP/err ]] && fail "stderr was not empty: $(cat "$E2E_TMP/err")"
(( $(wc -l <"$A") == ${#KEYS} + 1 )) ||
    fail "$(wc -l <"$A") lines for ${#KEYS} keys and the closing line"
# One JSON object per line, the last one the closing line.
jfile "$A" "the run's JSON"

# The contract, field by field, on every line.
DEFS='
def num: type == "number";
def int: num and . == floor;
def str: type == "string";
def bool: type == "boolean";
'
TYPES='
(.step | int) and (.key | str) and (.transport | str) and
(.event | str) and (.mode | str) and (.granularity | str) and
(.produced | int) and (.consumed | int) and
(.audit | (.taken | int) and (.duplicates | int) and (.out_of_order | int)) and
(.buffer | (.capacity | int) and (.count | int) and (.in | int) and
    (.out | int) and (.slots | type == "array") and
    (.slots | all(.[]; (.index | int) and (.full | bool) and
        (if .full then (.seq | int) and (.producer | int) else true end)))) and
(.kernel | type == "object") and
(.kernel.shm | (.id | int) and (.key | test("^0x[0-9a-f]{8}$")) and
    (.size | int) and (.nattch | int) and (.cpid | int) and (.lpid | int) and
    (.dest | bool)) and
(.kernel.sem | (.id | int) and (.values | type == "object") and
    (.values | (.empty | int) and (.full | int) and (.mutex | int)) and
    (.waiting | (.empty | int) and (.full | int) and (.mutex | int))) and
(.kernel | has("msq") or has("mq") or has("pipe") | not) and
(.workers | type == "array" and length == 2) and
(.workers | all(.[]; (.role == "producer" or .role == "consumer") and
    (.id | int) and (.pid | int) and (.phase | str) and
    (.state | test("^[RSDTZ-]$")) and (.wchan | str) and (.blocked | bool) and
    (.ready | bool) and (.done | int)))
'
# badlines JQ-EXPR: the numbers of the lines where it does not hold.
badlines() {
	jq -s -r "$DEFS"' to_entries[] | select(.value | ('"$1"') | not) |
	    .key + 1' "$A" || echo "jq failed"
}
bad=$(badlines "$TYPES")
[[ -z $bad ]] || fail "lines $(echo $bad) break the contract, as: $(sed -n "${bad%%$'\n'*}p" "$A" | cut -c1-600)"
# Settled: a live worker waits for its permit or sleeps in the kernel.
bad=$(badlines '.workers | all(.[] | select(.alive); .ready != .blocked)')
[[ -z $bad ]] || fail "lines $(echo $bad): a worker is both ready and blocked, or neither: $(sed -n "${bad%%$'\n'*}p" "$A" | jq -c '[.workers[] | {role, id, ready, blocked}]')"

# The values a class would check: capacity, keys, steps counted.
jq -e -s '.[0].buffer.capacity == 2 and .[0].transport == "sysv-shm" and
    ([.[].step] == ([.[].step] | sort)) and (.[0].key == "p") and
    (map(.key) | index("space")) != null' "$A" >/dev/null ||
    fail "capacity, transport or keys are wrong"
# The 13th p finds P1 asleep on empty: nothing granted, counted as waiting.
jcheck_at "$A" 13 '.event | test("nothing granted")' \
    "the 13th p was granted: $(sed -n 13p "$A" | jq -r .event)"
jcheck_at "$A" 13 '.kernel.sem.waiting.empty == 1 and .buffer.count == 2 and
    (.workers[] | select(.role == "producer") | .blocked and (.ready | not) and
     .state == "S" and .reason != "")' \
    "after 13 p: the producer is not shown asleep on empty (and not ready)"
jcheck_at "$A" 13 '.workers[] | select(.role == "consumer") | .ready and
    (.blocked | not)' "after 13 p: the consumer is not shown ready for a permit"
# ?: the help text, newlines and all, survives as a JSON string.
jcheck_at "$A" $((${#KEYS} - 1)) '.key == "?" and
    (.event | test("space  step the next worker one step\n"))' \
    "the help text did not come through ?"
# The closing line: q ended the run, exit status 0; a snapshot like the
# others, whose event is text mode's closing audit line and agrees with it.
jcheck_end "$A" '.key == "end" and .closing == {"reason": "quit", "status": 0} and
    .event == "audit: produced \(.produced), consumed \(.consumed), in the buffer \(.buffer.count), duplicates \(.audit.duplicates), out of order \(.audit.out_of_order)"' \
    "the closing line"
"$IPCSCOPE" --headless -n 2 --keys "$KEYS" >"$E2E_TMP/a.txt" ||
    fail "the text run exited $?"
[[ $(tail -n 1 "$E2E_TMP/a.txt") == "$(tail -n 1 "$A" | jq -r .event)" ]] ||
    fail "text mode closes with '$(tail -n 1 "$E2E_TMP/a.txt")', --json with '$(tail -n 1 "$A" | jq -r .event)'"

# Same keys again: identical once the run-specific numbers are masked
# (ids, also where the model's objects list repeats them).
"$IPCSCOPE" --headless --json -n 2 --keys "$KEYS" >"$B" ||
    fail "second run exited $?"
NORM='walk(if type == "object" then
    with_entries(if (.key | test("^(pid|cpid|lpid|lspid|lrpid|[a-z]time)$"))
        then .value = 0
    elif .key == "pids" or .key == "mappers" then .value = null
    elif .key == "key" and (.value | type == "string") and
        (.value | test("^0x")) then .value = "0x"
    else . end) else . end)
| if .kernel.shm then .kernel.shm.id = 0 else . end
| if .kernel.sem.id then .kernel.sem.id = 0 else . end
| if .objects then .objects |= map(.id = 0 | .ident |= sub("[0-9]+$"; "N"))
    else . end
| if .buffers then .buffers |= map(.objects |= map(sub("[0-9]+$"; "N")))
    else . end
| .event |= gsub("pid [0-9]+"; "pid N")'
diff <(jq -c "$NORM" "$A") <(jq -c "$NORM" "$B") >"$E2E_TMP/diff" ||
    fail "two runs of the same keys differ: $(head -20 "$E2E_TMP/diff")"
# And the masking did not mask everything: the runs really ran.
(( $(jq -c "$NORM" "$A" | sort -u | wc -l) > 20 )) ||
    fail "normalised lines are too alike to mean anything"

assert_no_leftovers
exit 0
