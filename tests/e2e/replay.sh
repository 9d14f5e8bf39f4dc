#!/usr/bin/env bash
# Record and replay: a recording made with --record plays back from the
# file alone. Headless, for every transport, replaying gives back exactly
# the recorded snapshot lines; on the screen, each step of a replay equals
# the live screen of that step (but the status line), also after stepping
# back; a replay makes no kernel object; a bad file is one line and exit 2.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the recordings"

# 1. Headless round trip, every transport, JSON and text mode alike.
mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"
n=0
for t in "${names[@]}"; do
	for mode in --json ""; do
		R=$E2E_TMP/rec.$t$mode
		# shellcheck disable=SC2086
		"$IPCSCOPE" --headless $mode -t "$t" -n 3 --keys ppppppccccpcgpq \
		    --record "$R" >"$E2E_TMP/live" 2>&1 ||
		    fail "$t$mode: the recorded run exited $?: $(cat "$E2E_TMP/live")"
		(( $(wc -l <"$R") == 17 )) ||
		    fail "$t$mode: $(wc -l <"$R") lines, not a header, 15 keys and the closing"
		jq -e 'has("ipcscope_recording") and .transport == "'"$t"'" and
		    .slots == 3 and (.argv | length) > 5 and (.kernel | length) > 0' \
		    <(head -n 1 "$R") >/dev/null || fail "$t$mode: header: $(head -n 1 "$R")"
		jq -se 'length == 16 and all(.[]; (.ms | type) == "number")' \
		    <(tail -n +2 "$R") >/dev/null || fail "$t$mode: snapshots untimed"
		"$IPCSCOPE" --headless replay "$R" >"$E2E_TMP/replayed" 2>"$E2E_TMP/err" ||
		    fail "$t$mode: replay exited $?: $(cat "$E2E_TMP/err")"
		cmp -s <(tail -n +2 "$R") "$E2E_TMP/replayed" ||
		    fail "$t$mode: the replay differs from the recording: $(diff <(tail -n +2 "$R") "$E2E_TMP/replayed" | head -5 | cut -c1-300)"
		# The live --json lines are the recorded ones, untimed.
		if [[ -n $mode ]]; then
			cmp -s <(tail -n +2 "$R" | jq -c 'del(.ms)') \
			    <(jq -c . "$E2E_TMP/live") ||
			    fail "$t: --json printed other snapshots than it recorded"
		fi
		n=$((n + 1))
	done
done
(( n == 2 * ${#names[@]} )) || fail "only $n round trips"

# 2. On the screen: record a live run, keeping each step's screen; replay
# it, step to each and back, and compare but the status line.
R=$E2E_TMP/screen.jsonl
tui_start 80 24 -n 2 --record "$R"
wait_for 'S T E P' || fail "no first frame"
settle
cap | head -n 23 >"$E2E_TMP/live.0"
steps=(p p p c c p)
for i in "${!steps[@]}"; do
	press "${steps[$i]}" $((i + 1)) || fail "live key $((i + 1))"
	settle
	cap | head -n 23 >"$E2E_TMP/live.$((i + 1))"
done
keys q
[[ $(wait_exit) == 0 ]] || fail "the recorded screen did not quit with 0"
"${T[@]}" kill-session -t t
total=$(( ${#steps[@]} + 1 ))
(( $(wc -l <"$R") == total + 1 )) || fail "$(wc -l <"$R") lines for $total frames"

before=$(leftovers)
tui_start 80 24 replay "$R"
wait_for "R E P L A Y +step 1 of $total" || fail "the replay did not start at step 1"
pid=$(tui_pid)
same() {	# same N: the replay shows what the live screen did at N
	settle
	diff <(cap | head -n 23) "$E2E_TMP/live.$1" >"$E2E_TMP/diff" ||
	    fail "replay of frame $1 differs from the live screen: $(cat "$E2E_TMP/diff")"
}
same 0
for ((i = 1; i < total; i++)); do
	keys Right
	wait_for "step $((i + 1)) of $total" || fail "right did not go to $((i + 1))"
	same "$i"
done
# Children: a replay forks nothing; objects: it makes none.
[[ -z $(pgrep -P "$pid") ]] || fail "the replay has children: $(pgrep -a -P "$pid")"
[[ $(leftovers) == "$before" ]] || fail "the replay made objects: $(leftovers)"
for ((i = total - 2; i >= 1; i--)); do
	keys Left
	wait_for "step $((i + 1)) of $total" || fail "left did not go back to $((i + 1))"
done
same 1
keys Home
wait_for "step 1 of $total" || fail "home"
same 0
keys End
wait_for "step $total of $total" || fail "end"
same $((total - 1))
# r plays to the end at the recorded pace, and stops there.
keys Home
wait_for "step 1 of $total" || fail "home again"
keys r
wait_for "step $total of $total" 10000 || fail "r did not play to the end"
keys q
[[ $(wait_exit) == 0 ]] || fail "q did not end the replay with 0"
assert_screen_restored
"${T[@]}" kill-session -t t

# 3. Files it cannot play: one line naming the file and the line, exit 2.
bad() {		# bad NAME REGEX: replaying file NAME fails saying REGEX
	local rc out
	for face in "--headless replay" "replay"; do
		# shellcheck disable=SC2086
		out=$("$IPCSCOPE" $face "$E2E_TMP/$1" 2>&1 </dev/null)
		rc=$?
		(( rc == 2 )) || fail "$1 ($face): exit $rc, not 2: $out"
		[[ $(wc -l <<<"$out") == 1 && $out == "ipcscope: "* ]] ||
		    fail "$1 ($face): not one line: $out"
		grep -qE -- "$2" <<<"$out" || fail "$1 ($face): said: $out"
	done
	bads=$((bads + 1))
}
bads=0
G=$E2E_TMP/rec.sysv-shm--json
head -c $(( $(head -n 5 "$G" | wc -c) - 40 )) "$G" >"$E2E_TMP/cut"
bad cut 'cut line 5: cut short'
sed '4s/"step":3/"step":"three"/' "$G" >"$E2E_TMP/wrongtype"
bad wrongtype 'wrongtype line 4: "step": expected an integer, got a string'
sed '3s/"capacity":3,/"capacity":99999999999999999999,/g' "$G" >"$E2E_TMP/huge"
bad huge 'huge line 3: .*out of range'
{ head -n 2 "$G"; printf '{"key":"a\xffb"}\n'; } >"$E2E_TMP/utf8"
bad utf8 'utf8 line 3: .*UTF-8'
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$E2E_TMP/foreign"
bad foreign 'foreign line 1: not a recording'
echo '{"some":"json"}' >"$E2E_TMP/json"
bad json 'json line 1: not a recording of ipcscope'
: >"$E2E_TMP/empty"
bad empty 'empty: empty, not a recording'
head -n 1 "$G" >"$E2E_TMP/headonly"
bad headonly 'headonly line 2: no snapshot'
sed '1s/"ipcscope_recording":1/"ipcscope_recording":9/' "$G" >"$E2E_TMP/newer"
bad newer 'newer line 1: recorded in format 9 by a newer ipcscope'
bad nosuch 'nosuch: No such file or directory'
(( bads == 10 )) || fail "only $bads bad files"
# A newer ipcscope's extra members: still plays, the same snapshots.
jq -c '. + {"from_the_future": {"x": [1, 2]}}' "$G" >"$E2E_TMP/newer-fields"
"$IPCSCOPE" --headless replay "$E2E_TMP/newer-fields" >"$E2E_TMP/replayed" ||
    fail "a file with unknown members does not play"
cmp -s <(tail -n +2 "$G") "$E2E_TMP/replayed" ||
    fail "unknown members changed what was read"

# 4. --record where no file can be made: one line, nothing made.
out=$("$IPCSCOPE" --headless --keys p --record /nonexistent/dir/x 2>&1)
rc=$?
(( rc == 2 )) || fail "--record to nowhere: exit $rc"
[[ $out == 'ipcscope: --record "/nonexistent/dir/x": No such file or directory' ]] ||
    fail "--record to nowhere said: $out"
assert_no_leftovers
echo "ok replay: $n round trips, $total screens stepped both ways, $bads bad files"
