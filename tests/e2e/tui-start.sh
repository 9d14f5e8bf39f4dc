#!/bin/bash
# The TUI starts paused in step mode with the caption telling what to press,
# draws every panel at 80x24, sleeps without CPU while paused, and q leaves
# nothing. (The terminals it refuses: tui-refuse.)
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 4
wait_for 'S T E P' || fail "no first frame"
wait_for 'space to step, r to run' || fail "no caption"
for re in 'Buffer: the slots' '0 of 4 slots full' 'Kernel:' \
    'nattch 1 +\(1 of them this viewer\)' 'empty 4 \(0 waiting\)' \
    'P1 +producer' 'C1 +consumer' 'Log:' 'q quit'; do
	cap | grep -qE -- "$re" || { cap >&2; fail "first frame lacks /$re/"; }
done

# Paused: the viewer sleeps in poll(); utime+stime must not grow.
pid=$(tui_pid)
a=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep 2		# a measuring interval, not synchronisation
b=$(awk '{print $14 + $15}' /proc/$pid/stat)
(( b - a <= 1 )) || fail "paused viewer used $((b - a)) ticks in 2 s"
echo "paused viewer CPU over 2 s: $((b - a)) ticks"

keys q
st=$(wait_exit) || fail "q did not quit"
[[ $st == 0 ]] || fail "q: exit $st"
assert_screen_restored
assert_no_leftovers
"${T[@]}" kill-session -t t

# NO_COLOR: attributes only, no colour escape; LANG=C: ASCII glyphs only.
"${T[@]}" new-session -d -s t -x 80 -y 24 "env TERM=xterm-256color LC_ALL=C LANG=C \
    NO_COLOR=1 IPCSCOPE_RUNDIR='$IPCSCOPE_RUNDIR' $IPCSCOPE -n 4" \
    \; set-option -t t remain-on-exit on >/dev/null
wait_for 'S T E P' || fail "NO_COLOR: no first frame"
cap -e | grep -oE $'\e\\[[0-9;]*m' | grep -qE '[[;](3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]' &&
    fail "NO_COLOR: colour escapes on screen"
cap | LC_ALL=C grep -q '[^ -~]' && { cap >&2; fail "LANG=C: non-ASCII on screen"; }
cap | grep -qE '^ 0 \^in \^out' || { cap >&2; fail "LANG=C: no ASCII markers"; }
keys q
st=$(wait_exit) || fail "NO_COLOR: q"
[[ $st == 0 ]] || fail "NO_COLOR: exit $st"
assert_no_leftovers
echo "ok tui-start"
