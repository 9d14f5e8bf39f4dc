#!/bin/bash
# SIGTERM, SIGHUP and SIGINT to the viewer (and Ctrl-C at the keyboard) each
# restore the terminal, remove every object and exit 128+signal.
. "$(dirname "$0")/lib.sh"

one() {		# how: a signal name, or "C-c" typed in the pane
	local how=$1 want=$2 st pid pids
	tui_start 80 24 -n 2
	wait_for 'S T E P' || fail "$how: no first frame"
	press c 1 && press c 2 || fail "$how: steps"	# C1 asleep in semop
	wait_for 'C1 .*BLOCKED' 1000 || fail "$how: C1 not blocked"
	pid=$(tui_pid)
	pids=$(cap | awk '$1 ~ /^[PC][0-9]$/ {print $3}')
	if [[ $how == C-c ]]; then keys C-c; else kill -"$how" "$pid"; fi
	st=$(wait_exit) || fail "$how: did not exit"
	[[ $st == "$want" ]] || fail "$how: exit $st, want $want"
	assert_screen_restored
	assert_no_leftovers
	for p in $pids; do
		[[ -e /proc/$p ]] && fail "$how: worker $p outlived the viewer"
	done
	"${T[@]}" kill-session -t t
	echo "$how: exit $st, nothing left"
}

one TERM 143
one HUP 129
one INT 130
one C-c 130
echo "ok tui-signals"
