#!/bin/bash
# The status line keeps "? help" and "q quit" in every mode (STEP,
# RUNNING, a replay paused and playing) and at every width from 80: the
# other hints give way from the right, and an ellipsis says some did.
. "$(dirname "$0")/lib.sh"

status() { cap | tail -n 1; }
# keeps MODE: at each width, the status line says MODE and keeps both.
keeps() {
	local w s d
	for w in 80 81 90 99 100 120 160 200; do
		"${T[@]}" resize-window -t t -x "$w" -y 30
		wait_for "^ $1 " 2000 || fail "$1 at $w: not shown"
		until [[ $("${T[@]}" display -p -t t '#{window_width}') == "$w" ]]; do sleep 0.01; done
		settle
		# The capture may still hold the frame of the width before
		# (SIGWINCH not handled yet on a loaded machine): wait for it.
		d=$(( $(now_ms) + 3000 ))
		until s=$(status); [[ $s == *"? help  q quit"* ]]; do
			(( $(now_ms) > d )) &&
			    fail "$1 at $w columns: the status line lost ? help or q quit: '$s'"
			sleep 0.02
		done
		settle
		s=$(status)
		# Hints dropped are marked, never cut mid-word.
		[[ $s =~ (help|quit|theme|ahead|pace|step|kill|grain|add|transport|run|pause|play|…|p/c|home/end|T\ theme)\ *$ ||
		    $s =~ theme\ [a-z]+\ *$ ]] ||
		    fail "$1 at $w columns: the status line ends cut: '$s'"
	done
	echo "$1: ? help and q quit at 80..200 columns"
}

tui_start 80 24 -n 4 --speed 5000
wait_for 'S T E P' || fail "no first frame"
keeps 'S T E P'
keys r
keeps 'R U N N I N G'
"${T[@]}" resize-window -t t -x 80 -y 24
wait_for '…  \? help  q quit' 2000 || fail "RUNNING at 80: the dropped hints are not marked"
keys q
[[ $(wait_exit) == 0 ]] || fail "q did not exit 0"
"${T[@]}" kill-session -t t 2>/dev/null

R=$E2E_TMP/run.rec
# Recorded at a pace, so that the replay plays long enough to be looked at.
"$IPCSCOPE" --headless --run --speed 500 --steps 10 --record "$R" >/dev/null 2>&1 ||
    fail "the recorded run failed"
"${T[@]}" set-option -s exit-empty off 2>/dev/null
tui_start 80 24 replay "$R"
wait_for 'R E P L A Y' || fail "replay: no first frame"
keeps 'R E P L A Y'
keys Home - - r
wait_for 'r pause' 2000 || fail "replay: r does not play"
keeps 'R E P L A Y'
status | grep -q 'r pause' || fail "replay: stopped playing before the check ended"
keys q
[[ $(wait_exit) == 0 ]] || fail "replay: q did not exit 0"
assert_no_leftovers
echo "ok tui-statusbar"
