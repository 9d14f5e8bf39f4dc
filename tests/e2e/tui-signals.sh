#!/bin/bash
# SIGTERM, SIGHUP and SIGINT to the viewer (and Ctrl-C at the keyboard) each
# restore the terminal, remove every object and exit 128+signal. The
# viewer must do it itself: its workers are SIGSTOPped first, and a stopped
# worker cannot run its death-signal cleanup, so what is gone before they
# are continued, the viewer removed.
. "$(dirname "$0")/lib.sh"

STOPPED=()
trap '(( ${#STOPPED[@]} > 0 )) && kill -CONT "${STOPPED[@]}" 2>/dev/null;
    e2e_cleanup' EXIT

one() {		# how: a signal name, or "C-c" typed in the pane
	local how=$1 want=$2 st pid shown p
	tui_start 80 24 -n 2
	wait_for 'S T E P' || fail "$how: no first frame"
	press c 1 && press c 2 || fail "$how: steps"	# C1 asleep in semop
	wait_for 'C1 .*BLOCKED' 1000 || fail "$how: C1 not blocked"
	pid=$(tui_pid)
	mapfile -t STOPPED < <(children "$pid" | sort)
	(( ${#STOPPED[@]} == 2 )) ||
	    fail "$how: the viewer has ${#STOPPED[@]} workers, not 2: ${STOPPED[*]}"
	shown=$(cap | awk '$1 ~ /^[PC][0-9]$/ && $2 ~ /^(producer|consumer)$/ {print $3}' | sort)
	[[ $shown == "$(printf '%s\n' "${STOPPED[@]}")" ]] ||
	    fail "$how: the screen shows pids $(echo $shown), the viewer's children are ${STOPPED[*]}"
	stop_all "${STOPPED[@]}"
	if [[ $how == C-c ]]; then keys C-c; else kill -"$how" "$pid"; fi
	st=$(wait_exit) || fail "$how: did not exit"
	[[ $st == "$want" ]] || fail "$how: exit $st, want $want"
	assert_screen_restored
	assert_no_leftovers
	for p in "${STOPPED[@]}"; do
		alive "$p" && fail "$how: worker $p outlived the viewer"
	done
	kill -CONT "${STOPPED[@]}" 2>/dev/null
	STOPPED=()
	"${T[@]}" kill-session -t t
	echo "$how: exit $st, nothing left, workers stopped until the end"
}

one TERM 143
one HUP 129
one INT 130
one C-c 130
echo "ok tui-signals"
