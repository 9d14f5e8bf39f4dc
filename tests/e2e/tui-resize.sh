#!/bin/bash
# Resizing redraws at once; below 80x24 the screen says how big it must be
# and recovers when the terminal grows; a big terminal gets the wide layout.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 8
wait_for 'S T E P' || fail "no first frame"
press p 1 || fail "p"

"${T[@]}" resize-window -t t -x 60 -y 20
wait_for 'needs at least 80x24, this is 60x20' 1000 || fail "too small not said"
"${T[@]}" resize-window -t t -x 80 -y 23
wait_for 'needs at least 80x24, this is 80x23' 1000 || fail "80x23 not said"
# Keys still work while too small, and show once it grows.
keys p
"${T[@]}" resize-window -t t -x 80 -y 24
wait_for 'S T E P' 1000 || fail "no recovery at 80x24"
wait_gone 'needs at least' 1000 || fail "old message stays"
wait_for 'P1 semop\(empty, -1\)' 1000 || fail "the key pressed while small is lost"

"${T[@]}" resize-window -t t -x 180 -y 50
wait_for 'semnum name +value +ncount +zcount +pid' 1000 || fail "no ipcs -i table when big"
wait_for 'produced 0, consumed 0' 1000 || fail "no wide header"
# The wide layout must not leave pieces of the narrow one behind.
[[ $(cap | grep -c 'Kernel:') == 1 ]] || { cap >&2; fail "two kernel panels"; }

"${T[@]}" resize-window -t t -x 80 -y 24
wait_for '^ S T E P' 1000 || fail "back to 80x24"
wait_gone 'semnum' 1000 || fail "wide layout left over"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
echo "ok tui-resize"
