#!/bin/bash
# ipcscope step -- ./server -- ./client on the screen, at 80x24 and
# 160x45: the story's own two programs (step-tui-progs/, compiled here
# with -g -O0 as a class would) walked to their end one call per space.
# After each step, once the screen has settled: the call shown is the one
# the process stopped at, the source line shown is the line of that call
# (found by its "@" comment), and the nattch on screen is what ipcs -m -i
# prints at that moment. 2 and tab select a column. q at the end leaves
# nothing traced, stopped or made; q mid-way with --kill kills both
# programs and says so.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$(dirname "$0")/step-tui-progs" && pwd)
W=$E2E_TMP/progs
mkdir -p "$W"
cp "$SRC/server.c" "$SRC/client.c" "$W/"
# Relative names in the debug information, as a student's build has.
(cd "$W" && cc -g -O0 -o server server.c && cc -g -O0 -o client client.c) ||
    fail "cannot compile the story's programs"
cd "$W" || fail "no $W"		# ftok(".") of both; the pane starts here

line_of() { grep -n "@$1 " "$W/${1%%-*}.c" | cut -d: -f1; }
shm_id() { ipcs -m | awk '$1 ~ /^0x/ { print $2; exit }'; }

# The pid of the process called NAME under the pane (ipcscope, or the
# programs it runs; a shell between them when stderr is redirected).
prog_pid() {
	local p d=$(( $(now_ms) + 5000 ))
	while (( $(now_ms) < d )); do
		for p in $(tui_pid) $(children "$(tui_pid)") \
		    $(for c in $(children "$(tui_pid)"); do children "$c"; done); do
			[[ $(cat "/proc/$p/comm" 2>/dev/null) == "$1" ]] &&
			    { echo "$p"; return 0; }
		done
		sleep 0.01
	done
	return 1
}

# check_source MARK: the source panel shows the line of MARK, marked.
check_source() {
	local n file=${1%%-*}.c
	n=$(line_of "$1")
	[[ -n $n ]] || fail "no @$1 in $file"
	cap | grep -qE "$file:$n +in main\(\)" ||
	    { cap >&2; fail "$1: the source panel does not name $file:$n"; }
	cap | grep -qE "^> +$n  " ||
	    { cap >&2; fail "$1: line $n is not the one marked '>'"; }
}

# check_nattch WHAT: the nattch on screen is ipcs's, now; none on screen
# when there is no segment.
check_nattch() {
	local id screen kernel
	id=$(shm_id)
	screen=$(cap | grep -oE 'nattch [0-9]+' | head -n 1 | cut -d' ' -f2)
	if [[ -z $id ]]; then
		[[ -z $screen ]] ||
		    { cap >&2; fail "$1: nattch $screen on screen, but ipcs has no segment"; }
		return
	fi
	kernel=$(ipcs -m -i "$id" | sed -n 's/.*nattch=\([0-9]*\).*/\1/p')
	[[ -n $screen && $screen == "$kernel" ]] ||
	    { cap >&2; fail "$1: nattch '$screen' on screen, ipcs -m -i $id says $kernel"; }
	NATTCH=$screen
}

# at PID CALL [MARK]: PID is shown stopped at CALL; the screen settled.
at() {
	wait_for "pid $1 stopped at $2( |\$)" || fail "pid $1 not at $2"
	settle || fail "the screen does not settle at $2"
	cap | grep -qE " $2\(" || { cap >&2; fail "$2: no call text $2(...)"; }
	[[ -z ${3:-} ]] || check_source "$3"
}

# step_to PID CALL MARK NATTCH: space; then PID at CALL, nattch as said.
step_to() {
	keys Space
	at "$1" "$2" "$3"
	check_nattch "$3"
	[[ -z ${4:-} || $NATTCH == "$4" ]] || fail "$3: nattch $NATTCH, want $4"
}

# First call of a program: ftok, when the engine stops at its stat.
first_call() {
	wait_for "pid $1 stopped at (ftok|shmget)( |\$)" || fail "pid $1 never stopped"
	settle
}

no_tracee_left() {
	local f
	for f in /proc/[0-9]*/status; do
		if grep -qE "^TracerPid:[[:space:]]+$1\$" "$f" 2>/dev/null; then
			fail "${f%/status} still traced by $1"
		fi
		if grep -qE '^State:[[:space:]]+[tT]' "$f" 2>/dev/null; then
			fail "${f%/status} left stopped: $(grep ^State "$f")"
		fi
	done
}

walk() {
	local sp cp vp
	tui_start "$1" "$2" step -- ./server -- ./client
	wait_for 'S T E P' || fail "$1x$2: no first frame"
	vp=$(prog_pid ipcscope) || fail "no ipcscope process"
	sp=$(prog_pid server) || fail "no server process"
	cp=$(prog_pid client) || fail "no client process"
	cap | grep -qE '> 1 \./server <' || { cap >&2; fail "program 1 is not selected"; }
	first_call "$sp"
	first_call "$cp"
	if cap | grep -qE "pid $sp stopped at ftok"; then
		check_source server-ftok
		step_to "$sp" shmget server-shmget
	else
		check_source server-shmget
	fi
	check_nattch "before shmget"
	[[ -z $(shm_id) ]] || fail "a segment before the server's shmget"
	step_to "$sp" shmat server-shmat 0
	keys Space			# shmat runs: the server waits, running
	wait_for "pid $sp running" || fail "the server does not run on"
	settle
	check_source server-shmat
	check_nattch "server attached"
	[[ $NATTCH == 1 ]] || fail "nattch $NATTCH after the server's shmat"

	keys 2
	wait_for '> 2 \./client <' || fail "2 does not select the client"
	settle
	if cap | grep -qE "pid $cp stopped at ftok"; then
		check_source client-ftok
		step_to "$cp" shmget client-shmget 1
	fi
	step_to "$cp" shmat client-shmat 1
	step_to "$cp" shmdt client-shmdt 2
	# The client marked the segment read: the server comes to its shmdt.
	wait_for "pid $sp stopped at shmdt" || fail "the server is not at shmdt"
	keys Space
	wait_for "pid $cp exited 0" || fail "the client did not exit 0"
	settle
	check_nattch "client detached"
	[[ $NATTCH == 1 ]] || fail "nattch $NATTCH after the client's shmdt"

	keys Tab
	wait_for '> 1 \./server <' || fail "tab does not select the server"
	at "$sp" shmdt server-shmdt
	check_nattch "server at shmdt"
	step_to "$sp" shmctl server-rmid 0
	cap | grep -qE 'IPC_RMID' || fail "shmctl's cmd is not shown as IPC_RMID"
	keys Space
	wait_for "pid $sp exited 0" || fail "the server did not exit 0"
	settle
	check_nattch "removed"
	[[ -z $(shm_id) ]] || fail "the segment outlived the server's IPC_RMID"
	cap | grep -q 'server: removed' || fail "the server's output is not shown"

	keys q
	st=$(wait_exit) || fail "q did not quit"
	[[ $st == 0 ]] || fail "$1x$2: q exited $st"
	assert_screen_restored
	no_tracee_left "$vp"
	"${T[@]}" kill-session -t t
}

# Too small a terminal: one line, exit 2, and no program ever started
# (this one would leave a file).
# (stderr to a file: what is printed as a program ends can be lost to
# the pane, tmux closing it first)
tui_start 79 24 step -- sh -c "'touch $E2E_TMP/started'" "2>'$E2E_TMP/err'"
st=$(wait_exit) || fail "79x24: did not exit"
[[ $st == 2 ]] || fail "79x24: exit $st, want 2"
[[ $(wc -l <"$E2E_TMP/err") == 1 ]] &&
    grep -q 'needs at least 80x24' "$E2E_TMP/err" ||
    fail "79x24: not one line saying why: $(cat "$E2E_TMP/err")"
[[ ! -e $E2E_TMP/started ]] || fail "79x24: the program ran"
"${T[@]}" kill-session -t t

walk 80 24
walk 160 45

# q mid-way with --kill: both programs killed, and said so.
tui_start 80 24 step --kill -- ./server -- ./client "2>'$E2E_TMP/err'"
wait_for 'S T E P' || fail "--kill: no first frame"
vp=$(prog_pid ipcscope) || fail "no ipcscope process"
sp=$(prog_pid server) || fail "no server process"
cp=$(prog_pid client) || fail "no client process"
first_call "$sp"
cap | grep -qE "pid $sp stopped at ftok" && keys Space
at "$sp" shmget
keys Space
at "$sp" shmat
id=$(shm_id)
[[ -n $id ]] || fail "--kill: no segment after shmget"
keys q
st=$(wait_exit) || fail "--kill: q did not quit"
# Killed before its IPC_RMID, the server leaves its segment: ours to remove.
ipcrm -m "$id" || fail "cannot remove the killed server's segment $id"
[[ $st == 0 ]] || fail "--kill: q exited $st"
assert_screen_restored
grep -qE "^pid $sp \(server\) killed\$" "$E2E_TMP/err" ||
    fail "--kill: no line says the server was killed: $(cat "$E2E_TMP/err")"
grep -qE "^pid $cp \(client\) killed\$" "$E2E_TMP/err" ||
    fail "--kill: no line says the client was killed: $(cat "$E2E_TMP/err")"
for p in $sp $cp; do
	[[ -e /proc/$p ]] && fail "--kill: pid $p outlived q"
done
no_tracee_left "$vp"
assert_no_leftovers
# SIGTERM: the terminal restored, both programs let go, said so, and,
# let go, they finish their exchange by themselves (the server removes
# its segment).
"${T[@]}" kill-session -t t
tui_start 80 24 step -- ./server -- ./client "2>'$E2E_TMP/err'"
wait_for 'S T E P' || fail "SIGTERM: no first frame"
vp=$(prog_pid ipcscope) || fail "no ipcscope process"
sp=$(prog_pid server) || fail "no server process"
cp=$(prog_pid client) || fail "no client process"
first_call "$sp"
first_call "$cp"
# The segment made first, so that the client, let go, finds it.
cap | grep -qE "pid $sp stopped at ftok" && keys Space
at "$sp" shmget
keys Space
at "$sp" shmat
kill -TERM "$vp"
st=$(wait_exit) || fail "SIGTERM: did not exit"
[[ $st == 143 ]] || fail "SIGTERM: exit $st, want 143"
assert_screen_restored
for p in $sp $cp; do
	grep -qE "^pid $p \([a-z]+\) detached, still running\$" "$E2E_TMP/err" ||
	    fail "SIGTERM: no line says pid $p was let go: $(cat "$E2E_TMP/err")"
done
no_tracee_left "$vp"
d=$(( $(now_ms) + 5000 ))
while alive "$sp" || alive "$cp"; do
	if (( $(now_ms) > d )); then
		kill "$sp" "$cp" 2>/dev/null
		[[ -n $(shm_id) ]] && ipcrm -m "$(shm_id)"
		fail "SIGTERM: the programs let go did not finish"
	fi
	sleep 0.01
done
assert_no_leftovers
echo "ok step-tui"
