# Shared by every tests/e2e/*.sh story: a private tmux server, waiting on
# the screen with a deadline (never a blind sleep), and the leak check.
# A story sources this, runs, and exits 0 (pass) or 1 (fail).
set -u

: "${IPCSCOPE:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/ipcscope}"
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-e2e.XXXXXX")
export IPCSCOPE_RUNDIR="$E2E_TMP/run"
T=(tmux -S "$E2E_TMP/sock" -f /dev/null)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
fail() { echo "FAIL: $*" >&2; exit 1; }

# The screen of the test pane, plain text.
cap() { "${T[@]}" capture-pane -p -t t "$@"; }

# Start the TUI in a fresh pane of WxH running ipcscope ARGS...
tui_start() {
	local w=$1 h=$2; shift 2
	"${T[@]}" new-session -d -s t -x "$w" -y "$h" \
	    "env TERM=xterm-256color LANG=C.UTF-8 NCURSES_NO_UTF8_ACS=1 ESCDELAY=25 IPCSCOPE_RUNDIR='$IPCSCOPE_RUNDIR' $IPCSCOPE $*"
	"${T[@]}" set-option -t t remain-on-exit on >/dev/null
}

keys() { "${T[@]}" send-keys -t t "$@"; }

# Poll until REGEX appears on the screen, up to MS (default 5000).
wait_for() {
	local d=$(( $(now_ms) + ${2:-5000} ))
	until cap | grep -qE -- "$1"; do
		if (( $(now_ms) > d )); then
			echo "TIMEOUT waiting for /$1/; the screen was:" >&2
			cap >&2
			return 1
		fi
		sleep 0.01
	done
}

# Wait until the screen has not changed for 100 ms.
settle() {
	local p c d=$(( $(now_ms) + 5000 ))
	p=$(cap -e)
	while sleep 0.1; c=$(cap -e); [[ $c != "$p" ]]; do
		p=$c
		(( $(now_ms) > d )) && return 1
	done
	return 0
}

# Wait for the pane's program to exit; print its exit status.
wait_exit() {
	local d=$(( $(now_ms) + ${1:-5000} ))
	until [[ $("${T[@]}" display -p -t t '#{pane_dead}' 2>/dev/null) == 1 ]]; do
		(( $(now_ms) > d )) && { echo "TIMEOUT waiting for exit" >&2; return 1; }
		sleep 0.01
	done
	"${T[@]}" display -p -t t '#{pane_dead_status}'
}

# System V ids, as "m 123", "q 4", "s 5": to compare before and after.
sysv_ids() {
	ipcs -m | awk '$1 ~ /^0x/ {print "m", $2}'
	ipcs -q | awk '$1 ~ /^0x/ {print "q", $2}'
	ipcs -s | awk '$1 ~ /^0x/ {print "s", $2}'
}
E2E_BASELINE=$(sysv_ids)

# What this story left: System V objects that were not there when it began
# (the suite runs in a private IPC namespace, where that is all of them),
# POSIX objects named ipcscope.*, and run files. Empty when nothing leaked.
leftovers() {
	comm -13 <(echo "$E2E_BASELINE" | sort) <(sysv_ids | sort) | grep . || true
	ls /dev/shm 2>/dev/null | grep '^ipcscope\.' || true
	ls "$IPCSCOPE_RUNDIR" 2>/dev/null || true
}

assert_no_leftovers() {
	local l
	l=$(leftovers)
	[[ -z $l ]] || fail "left behind: $l"
}

e2e_cleanup() {
	"${T[@]}" kill-server 2>/dev/null
	rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT
