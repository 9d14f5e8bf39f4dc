#!/bin/bash
# ? shows the keys over the panels, ? hides them; any key closes the help
# without acting; Ctrl-L repaints the whole screen.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 4
"${T[@]}" set-option -s exit-empty off	# the server stays for the second run
wait_for 'S T E P' || fail "no first frame"
keys '?'
wait_for 'kill the selected worker with SIGKILL' 1000 || fail "no help"
# 24 lines hold fewer lines than the help has: every key is shown (they
# come first), and the last line says how many more (of the legend) hide.
cap | grep -qE '[0-9]+ more lines: a taller terminal' ||
    { cap >&2; fail "80x24: the help is cut without a mark"; }
cap | grep -q 'quit, removing every object' ||
    { cap >&2; fail "80x24: the help hides a key"; }
keys '?'
wait_gone 'kill the selected worker with SIGKILL' 1000 || fail "? did not close the help"
keys '?'
wait_for 'kill the selected worker with SIGKILL' 1000 || fail "no help again"
keys p			# closes the help, grants nothing
wait_gone 'kill the selected worker with SIGKILL' 1000 || fail "a key did not close the help"
cap | grep -qE 'newest last +step 0 *$' || { cap >&2; fail "the closing key acted"; }
press p 1 || fail "p after help"
keys C-l
settle
cap | grep -q 'Buffer: the slots' || fail "Ctrl-L lost the frame"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers

# A taller terminal shows the whole help, the legend too.
"${T[@]}" kill-session -t t 2>/dev/null
tui_start 80 40 -n 4
wait_for 'S T E P' || fail "80x40: no first frame"
keys '?'
wait_for 'u = out, f = in' 1000 || { cap >&2; fail "80x40: no OSTEP legend"; }
cap | grep -q 'more lines: a taller terminal' && { cap >&2; fail "80x40: the help is cut"; }
keys q
wait_gone 'u = out, f = in' 1000 || fail "80x40: q did not close the help"
keys q
st=$(wait_exit) || fail "80x40: q"
[[ $st == 0 ]] || fail "80x40: exit $st"
echo "ok tui-help"
