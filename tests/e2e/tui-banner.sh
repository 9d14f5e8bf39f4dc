#!/bin/bash
# The banner says the run's state in large letters: EMPTY, FULL, BLOCKED
# and DEADLOCK (every live worker asleep: the lock holder killed on
# sysv-shm, which has no SEM_UNDO, then the rest stepped until all sleep),
# each reached by a real run whose JSON "state" says the same first; and
# the mode, STEP, RUNNING or REPLAY, as large. The why-line explains a
# full semaphore that lags behind the slots, at 80x24 too.
. "$(dirname "$0")/lib.sh"

# The font's letters, as src/ui/bigtext.c draws them ('#' is ink): the
# test reads the big words back off the screen with its own copy.
declare -A GLYPH=(
	[A]=".##. #..# #### #..# #..#"	[B]="###. #..# ###. #..# ###."
	[C]=".### #... #... #... .###"	[D]="###. #..# #..# #..# ###."
	[E]="#### #... ###. #... ####"	[F]="#### #... ###. #... #..."
	[G]=".### #... #.## #..# .###"	[I]="### .#. .#. .#. ###"
	[K]="#..# #.#. ##.. #.#. #..#"	[L]="#... #... #... #... ####"
	[M]="#...# ##.## #.#.# #...# #...#"	[N]="#..# ##.# #.## #..# #..#"
	[O]=".##. #..# #..# #..# .##."	[P]="###. #..# ###. #... #..."
	[R]="###. #..# ###. #.#. #..#"	[S]=".### #... .##. ...# ###."
	[T]="### .#. .#. .#. .#."		[U]="#..# #..# #..# #..# .##."
	[Y]="#.# #.# .#. .#. .#."
)
# Row R of WORD at two columns and one row per pixel (a 200x60 banner),
# trailing blanks cut.
big_row() {
	local word=$1 r=$2 out="" i g
	for ((i = 0; i < ${#word}; i++)); do
		read -ra g <<<"${GLYPH[${word:i:1}]}"
		(( i > 0 )) && out+="  "
		out+=$(sed 's/#/██/g; s/\./  /g' <<<"${g[r]}")
	done
	sed 's/ *$//' <<<"$out"
}
# WORD in large letters on the banner's rows (screen lines 2 to 6).
big_word() {
	local r line pat
	for r in 0 1 2 3 4; do
		line=$(cap | sed -n "$((r + 2))p")
		pat=$(big_row "$1" "$r")
		[[ $line == *"$pat"* ]] || return 1
	done
}
wait_big() {
	local d=$(( $(now_ms) + 5000 ))
	until big_word "$1"; do
		(( $(now_ms) > d )) && { cap >&2; fail "$2: no $1 in large letters"; }
		sleep 0.02
	done
}
# The state a key script leaves, as the headless JSON says it.
state_after() {
	local out=$E2E_TMP/$1.jsonl
	shift
	"$IPCSCOPE" --headless --json "$@" >"$out" || fail "headless $*: exit $?"
	jfile "$out" "headless $*"
	jq -r 'select(.closing | not) | .state' "$out" | tail -n 1
}
# A fresh screen at WxH running ARGS; the server stays between them.
screen() {
	"${T[@]}" kill-session -t t 2>/dev/null
	tui_start "$@"
	"${T[@]}" set-option -s exit-empty off
	wait_for 'S T E P' || fail "$*: no first frame"
}
# press KEYS, one step each, from step FIRST on.
steps() {
	local k n=$2
	for k in $(grep -o . <<<"$1"); do
		press "$k" "$n" || fail "key $k, step $n"
		n=$((n + 1))
	done
}
quit() {
	keys q
	[[ $(wait_exit) == 0 ]] || fail "$1: q did not exit 0"
}

# EMPTY, and STEP: the first step leaves the buffer empty.
[[ $(state_after empty -n 2 --keys p) == empty ]] || fail "headless: not empty"
screen 200 60 -n 2
steps p 1
wait_big EMPTY "first step"
wait_big STEP "first step"
cap | grep -q 'no item to take (0 of 2)' || fail "EMPTY: no words under it"

# The why-line: P1 wrote item 1 and has not raised full yet.
steps ppp 2
wait_for '^ why: full is 0, not 1: P1 wrote an item but has not raised full yet$' ||
    fail "200x60: no why-line"
# Still so after its unlock, about to do semop(full, +1); not after it.
steps p 5
cap | grep -q '^ why: full is 0, not 1: P1 wrote an item but has not raised full yet$' ||
    { cap >&2; fail "no why-line before semop(full, +1)"; }
steps p 6
cap | grep -q '^ why:' && { cap >&2; fail "the why-line stays once full is raised"; }

# FULL: P1 fills both slots, and its next semop(empty, -1) sleeps.
[[ $(state_after full -n 2 --keys pppppppppppp) == full ]] || fail "headless: not full"
steps pppppp 7
wait_for 'P1 asleep in semop\(empty, -1\)' || fail "P1 not asleep on empty"
wait_big FULL "P1 asleep on a full buffer"
cap | grep -q 'every slot holds an item (2 of 2): P1 asleep in semop(empty, -1)' ||
    { cap >&2; fail "FULL: no words under it"; }
big_word EMPTY && fail "FULL and EMPTY both shown"
quit full

# BLOCKED: P2 holds the mutex with item 1 written, P1 sleeps on it.
[[ $(state_after blocked -n 3 -p 2 --keys ppppppp) == blocked ]] ||
    fail "headless: not blocked"
screen 200 60 -n 3 -p 2
steps ppppppp 1
wait_big BLOCKED "P1 asleep on the mutex"
cap | grep -q 'P1 asleep in semop(mutex, -1)' || { cap >&2; fail "BLOCKED: who sleeps"; }
quit blocked

# DEADLOCK: kill P2 while it holds the mutex (no SEM_UNDO: it stays
# taken), then P1 sleeps on the mutex and C1 on full: nobody is left.
[[ $(state_after deadlock -n 2 -p 2 --keys $'ppppp\t\tkpcc') == deadlock ]] ||
    fail "headless: no deadlock"
screen 200 60 -n 2 -p 2
steps ppppp 1
keys Tab Tab
wait_for '^> P2 ' || fail "P2 not selected"
keys k
wait_for 'P2 .*killed by SIGKILL' || fail "P2 not killed"
big_word DEADLOCK && fail "DEADLOCK before everyone sleeps"
steps pcc 6
wait_big DEADLOCK "P1 and C1 asleep, P2 dead"
cap | grep -q 'every live worker is asleep in the kernel, and none is left to wake another: P1 asleep in semop(mutex, -1), C1 asleep in semop(full, -1)' ||
    { cap >&2; fail "DEADLOCK: no words under it"; }
# RUNNING in large letters too (nothing can move: all sleep).
keys r
wait_big RUNNING "r"
big_word STEP && fail "STEP stays while running"
quit deadlock

# At 80x24 no banner fits: the heading says the state, and the why-line
# is there, on one line.
screen 80 24 -n 2
steps pppp 1
wait_for '^ why: full is 0, not 1: P1 wrote an item but has not raised full yet$' ||
    fail "80x24: no why-line"
steps ppppppp 5
wait_for 'FULL  2 of 2 slots full' || fail "80x24: the heading does not say FULL"
cap | grep -qE '^ Log[:,]' || fail "80x24: no log"
quit 80x24

# REPLAY: a recording on the screen says so in large letters.
"$IPCSCOPE" --headless -n 2 --keys pppp --record "$E2E_TMP/run.jsonl" >/dev/null ||
    fail "record"
"${T[@]}" kill-session -t t 2>/dev/null
tui_start 200 60 replay "$E2E_TMP/run.jsonl"
wait_big REPLAY "replay"
# z works in a replay too: the buffer alone, then every panel again.
keys z
wait_gone 'Processes:' || fail "replay: z leaves the panels"
keys z
wait_for 'Processes:' || fail "replay: z again brings no panels back"
quit replay
assert_no_leftovers
echo "ok tui-banner"
