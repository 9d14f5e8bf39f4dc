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
	    "env TERM=xterm-256color LANG=C.UTF-8 NCURSES_NO_UTF8_ACS=1 ESCDELAY=25 IPCSCOPE_RUNDIR='$IPCSCOPE_RUNDIR' $IPCSCOPE $*" \
	    \; set-option -t t remain-on-exit on \; set-option -s exit-empty off \
	    >/dev/null
	# (one command list: a program that exits at once still leaves its
	# status; and the server outlives a kill-session, so that the next
	# new-session never meets a server on its way down: "server exited
	# unexpectedly")
}

# Stop the tmux server and wait until it is gone: a new-session while it
# is on its way down meets it and fails ("server exited unexpectedly").
tui_stop() {
	local pid d st
	pid=$("${T[@]}" display -p '#{pid}' 2>/dev/null) || return 0
	"${T[@]}" kill-server 2>/dev/null
	d=$(( $(now_ms) + 5000 ))
	while [[ -n $pid ]]; do
		st=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || break
		[[ ${st%% *} == Z ]] && break
		(( $(now_ms) > d )) && fail "the tmux server $pid did not exit"
		sleep 0.01
	done
}

# The pid of the program in the pane (env execs it, so it is ipcscope).
tui_pid() { "${T[@]}" display -p -t t '#{pane_pid}'; }

# Has the pane's program exited? Then its screen will not change again.
pane_dead() { [[ $("${T[@]}" display -p -t t '#{pane_dead}' 2>/dev/null) == 1 ]]; }

# Poll until REGEX is no longer on the screen, up to MS (default 5000).
wait_gone() {
	local d=$(( $(now_ms) + ${2:-5000} ))
	while cap | grep -qE -- "$1"; do
		if pane_dead && cap | grep -qE -- "$1"; then
			echo "the program exited with /$1/ on the screen:" >&2
			cap >&2
			return 1
		fi
		if (( $(now_ms) > d )); then
			echo "TIMEOUT waiting for /$1/ to go; the screen was:" >&2
			cap >&2
			return 1
		fi
		sleep 0.01
	done
}

# TUI: press KEY, then wait until the log's heading says "step N".
press() { keys "$1"; wait_for "newest last +step $2 *\$" "${3:-5000}"; }

# The screen after the program restored the terminal: no panel left on it.
assert_screen_restored() {
	if cap | grep -qE 'S T E P|R U N N I N G|Processes:'; then
		cap >&2
		fail "the terminal still shows the TUI after exit"
	fi
}

keys() { "${T[@]}" send-keys -t t "$@"; }

# Poll until REGEX appears on the screen, up to MS (default 5000). Once
# the program has exited the screen is final: no use waiting on.
wait_for() {
	local d=$(( $(now_ms) + ${2:-5000} ))
	until cap | grep -qE -- "$1"; do
		if pane_dead && ! cap | grep -qE -- "$1"; then
			echo "the program exited without showing /$1/; the screen was:" >&2
			cap >&2
			return 1
		fi
		if (( $(now_ms) > d )); then
			echo "TIMEOUT waiting for /$1/; the screen was:" >&2
			cap >&2
			return 1
		fi
		sleep 0.01
	done
}

# Headless stories: key scripts and JSON snapshots.
rep() { local s="" i; for ((i = 0; i < $2; i++)); do s+=$1; done; printf '%s' "$s"; }
line() { sed -n "${2}p" "$1"; }		# line N of FILE
last() { tail -n 1 "$1"; }		# the last line of FILE
# --json output: one snapshot per line, then the closing line, a snapshot
# whose "closing" says why the run ended. jq 1.6 -e exits 0 on empty input,
# so no check reads a line before the whole file is proved to be that:
# a missing, empty or non-JSON line fails, and so does a missing closing line.
# jfile FILE WHAT (once per version of FILE: a check after it is quick)
declare -A E2E_JFILE
jfile() {
	local why v
	[[ -s $1 ]] || fail "$2: $1 is empty: no JSON from the run"
	v=$(stat -c '%y %s %i' "$1")
	[[ ${E2E_JFILE[$1]:-} == "$v" ]] && return 0
	why=$(jq -s -r --argjson n "$(wc -l <"$1")" '
	    if length != $n then "\(length) JSON values on \($n) lines"
	    elif all(.[]; type == "object") | not then "a line is not one JSON object"
	    elif length < 2 then "no snapshot before the last line"
	    elif (.[-1].closing | type) != "object" then "the last line is not the closing line"
	    elif any(.[:-1][]; has("closing")) then "a closing line before the last line"
	    else "" end' "$1" 2>&1) || why="not JSON: $why"
	[[ -z $why ]] || fail "$2: $1: $why: $(tail -c 400 "$1")"
	E2E_JFILE[$1]=$v
}
# jtrue LINE JQ-EXPR: LINE is one JSON value, and every value the
# expression gives on it is true, at least one (a select that matches
# nothing is no pass).
jtrue() {
	jq -s -e "length == 1 and ([.[0] | $2] | length > 0 and all)" \
	    >/dev/null 2>&1 <<<"$1"
}
# jcheck_at FILE N JQ-EXPR WHAT: the expression holds on snapshot line N
# ('$': the last snapshot, the line before the closing one).
jcheck_at() {
	local l n
	jfile "$1" "$4"
	n=$(( $(wc -l <"$1") - 1 ))
	[[ $2 == '$' ]] && set -- "$1" "$n" "$3" "$4"
	(( $2 >= 1 && $2 <= n )) ||
	    fail "$4: no snapshot line $2 in $1: it has $n and a closing line"
	l=$(sed -n "${2}p" "$1")
	jtrue "$l" "$3" ||
	    fail "$4: $(jq -c "$3" <<<"$l" 2>&1 | head -c 300) from $(cut -c1-700 <<<"$l")"
}
# jcheck FILE JQ-EXPR WHAT: the expression holds on the last snapshot.
jcheck() { jcheck_at "$1" '$' "$2" "$3"; }
# jcheck_end FILE JQ-EXPR WHAT: the expression holds on the closing line.
jcheck_end() {
	local l
	jfile "$1" "$3"
	l=$(tail -n 1 "$1")
	jtrue "$l" "$2" ||
	    fail "$3: $(jq -c "$2" <<<"$l" 2>&1 | head -c 300) from $(cut -c1-700 <<<"$l")"
}

# in_ipcns SETTING... -- CMD...: CMD in an IPC namespace of its own, whose
# sysctls are its own, after each SETTING: NAME=VALUE writes /proc/sys/NAME
# and reads it back, ulimit-q=N sets RLIMIT_MSGQUEUE. A setting that does
# not take exits 99 with an "e2e: " line, so that the shell's error about
# a /proc/sys file is never taken for the program's line about it.
in_ipcns() {
	unshare --ipc -- bash -c '
	while [[ $1 != -- ]]; do
		n=${1%%=*} v=${1#*=}
		shift
		if [[ $n == ulimit-q ]]; then
			ulimit -q "$v" 2>/dev/null && continue
			echo "e2e: ulimit -q $v failed" >&2
			exit 99
		fi
		f=/proc/sys/$n
		{ printf "%s\n" "$v" >"$f" &&
		    [[ $(tr -s " \t" " " <"$f") == "$v" ]]; } 2>/dev/null && continue
		echo "e2e: could not set $f to $v" >&2
		exit 99
	done
	shift
	exec "$@"' in_ipcns "$@"
}

# audit_ok FILE MIN: the closing audit line of a text-mode run says at least
# MIN items were produced, none was taken twice, out of order or torn, and
# none was lost (produced = consumed + in the buffer). Sets P, the produced.
audit_ok() {
	local a
	a=$(tail -n 1 "$1")
	[[ $a =~ ^audit:\ produced\ ([0-9]+),\ consumed\ ([0-9]+),\ in\ the\ buffer\ ([0-9]+),\ duplicates\ ([0-9]+),\ out\ of\ order\ ([0-9]+)(,\ unknown\ ([0-9]+))?$ ]] ||
	    fail "no audit line: $a"
	[[ -z ${BASH_REMATCH[7]} ]] || fail "torn items (numbers never given out): $a"
	(( BASH_REMATCH[1] >= $2 )) || fail "fewer than $2 items produced: $a"
	(( BASH_REMATCH[4] == 0 && BASH_REMATCH[5] == 0 )) ||
	    fail "duplicates or out of order: $a"
	(( BASH_REMATCH[1] == BASH_REMATCH[2] + BASH_REMATCH[3] )) ||
	    fail "items lost or invented: $a"
	P=${BASH_REMATCH[1]}
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
	local st dead_at=0
	# tmux marks the pane dead at EOF and fills the status once it reaps.
	# tmux 3.3a at times misses the SIGCHLD and leaves the program a zombie
	# (seen here: "kill -CHLD" to the server reaps it at once), so after
	# 300 ms of dead-without-status, nudge the server.
	until st=$("${T[@]}" display -p -t t '#{pane_dead}:#{pane_dead_status}' 2>/dev/null)
	    [[ $st == 1:?* ]]; do
		(( $(now_ms) > d )) && { echo "TIMEOUT waiting for exit" >&2; return 1; }
		if [[ $st == 1: ]]; then
			(( dead_at == 0 )) && dead_at=$(now_ms)
			(( $(now_ms) - dead_at > 300 )) &&
			    kill -CHLD "$("${T[@]}" display -p '#{pid}')" 2>/dev/null
		fi
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
# Everything a story could leave, one per line: System V ids, POSIX objects
# by name (/dev/shm's ipcscope.* and sem.ipcscope.*, the mqueue mount's
# ipcscope.*) and what is in the run directory.
e2e_objects() {
	sysv_ids
	ls -A /dev/shm 2>/dev/null | grep -E '^(sem\.)?ipcscope\.' || true
	if [[ -n ${IPCSCOPE_MQUEUE_DIR:-} ]]; then
		ls -A "$IPCSCOPE_MQUEUE_DIR" 2>/dev/null | grep '^ipcscope\.' || true
	fi
	ls -A "$IPCSCOPE_RUNDIR" 2>/dev/null || true
}
# Worker processes, by the title they give themselves (zombies have none).
e2e_workers() {
	pgrep -f '^[^ ]*: (producer|consumer) [0-9]' 2>/dev/null | sort || true
}
# Taken as the story begins, so that its leak check sees only what the
# story made: a leak of an earlier story is that story's failure, not ours.
E2E_BASELINE=$(e2e_objects | sort)
E2E_WORKERS=$(e2e_workers)

# What this story left: what is there now and was not at its start.
# Empty when nothing leaked.
leftovers() {
	comm -13 <(echo "$E2E_BASELINE") <(e2e_objects | sort) | grep . || true
}

assert_no_leftovers() {
	local l
	l=$(leftovers)
	[[ -z $l ]] || fail "left behind: $l"
}

# Worker processes that were not there when the story began.
new_workers() {
	comm -13 <(echo "$E2E_WORKERS") <(e2e_workers) | grep . || true
}

# The pids of PID's children (a viewer's workers), one per line.
children() {
	cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | grep . || true
}

# A process that still runs (a zombie has finished its work).
alive() {
	local s
	s=$(awk '{ sub(/.*\) /, ""); print substr($0, 1, 1) }' \
	    "/proc/$1/stat" 2>/dev/null) || return 1
	[[ -n $s && $s != Z ]]
}

# stop_all PID...: SIGSTOP each and wait until the kernel shows it stopped
# (state T), up to 5 s; a process that is gone fails.
stop_all() {
	local p s d=$(( $(now_ms) + 5000 ))
	kill -STOP "$@" || fail "cannot stop $*"
	for p in "$@"; do
		until s=$(awk '{ sub(/.*\) /, ""); print substr($0, 1, 1) }' \
		    "/proc/$p/stat" 2>/dev/null) && [[ $s == T ]]; do
			[[ -n $s ]] || fail "process $p went away instead of stopping"
			(( $(now_ms) > d )) && fail "process $p is not stopped: state $s"
			sleep 0.01
		done
	done
}

e2e_cleanup() {
	"${T[@]}" kill-server 2>/dev/null
	rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT
