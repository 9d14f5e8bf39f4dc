#!/usr/bin/env bash
# lesson on the step screen, in tmux: the first step's caption and the
# source line of its call (ftok, line 107 of shm_lifecycle.c) are on the
# screen; space walks the lesson (the fourth caption after three steps,
# with the segment made and attached); q mid-lesson kills the programs
# and removes the segment they made: no object and no process is left.
# The same for msg-queue's queue, quit right after its msgget, and for
# SIGTERM with the segment attached twice.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lesson.inc"

# The start of caption N of lesson NAME, as a regex (its first words).
caption_re() {
	lesson_captions "$LESSON_DIR/$1.lesson" | sed -n "${2}p" |
	    cut -d' ' -f1-5 | sed 's/[][\\.*^$()+?{}|]/\\&/g'
}

# walk NAME STEPS: start NAME, take STEPS steps, each waited for by the
# next caption; PIDS: the lesson's processes.
walk() {
	local i
	tui_start 120 40 lesson "$1"
	wait_for 'L E S S O N' || fail "$1: no lesson screen"
	[[ $1 != shm-lifecycle ]] || first_step
	for ((i = 1; i <= $2; i++)); do
		wait_for "$(caption_re "$1" "$i")" || fail "$1: not the caption of step $i"
		wait_for 'space: the next step' || fail "$1: step $i not offered"
		keys ' '
	done
	wait_for "$(caption_re "$1" "$i")" || fail "$1: not the caption of step $i"
	wait_for 'space: the next step' || fail "$1: step $i not offered"
	PIDS=$(children "$(tui_pid)")
	[[ $(wc -w <<<"$PIDS") == 2 ]] || fail "$1: not two programs: $PIDS"
}

# quit: q, exit 0, the terminal restored, nothing left.
quit() {
	local st p
	keys q
	st=$(wait_exit) || fail "$1: q did not quit"
	[[ $st == 0 ]] || fail "$1: q: exit $st"
	assert_screen_restored
	wait_for "removed $2 " || fail "$1: no line saying what was removed"
	assert_no_leftovers
	for p in $PIDS; do
		alive "$p" && fail "$1: program $p outlived the lesson"
	done
	"${T[@]}" kill-session -t t
}

# The first step: its caption, and its call's source line marked.
first_step() {
	wait_for "ftok\\(\\) turns a file \\(here the program itself\\)" || fail "no first caption"
	wait_for '^> +107 +key = ftok\(argv\[0\], PROJ_ID\);' || fail "no source line of ftok"
}

walk shm-lifecycle 3
[[ $(ipcs -m | grep -c '^0x') == 1 ]] || fail "no segment made and attached: $(ipcs -m)"
quit shm-lifecycle shm

walk msg-queue 2
[[ $(ipcs -q | grep -c '^0x') == 1 ]] || fail "no queue made: $(ipcs -q)"
quit msg-queue msg

# SIGTERM with both programs attached: the same, exit 128 + 15.
walk shm-lifecycle 6
[[ $(ipcs -m | awk '$1 ~ /^0x/ {print $6}') == 2 ]] || fail "not attached twice: $(ipcs -m)"
kill -TERM "$(tui_pid)"
st=$(wait_exit) || fail "SIGTERM did not end the lesson"
[[ $st == 143 ]] || fail "SIGTERM: exit $st, not 143"
wait_for "removed shm " || fail "SIGTERM: no line saying what was removed"
assert_no_leftovers
for p in $PIDS; do
	alive "$p" && fail "SIGTERM: program $p outlived the lesson"
done
echo "ok lesson-tui"
