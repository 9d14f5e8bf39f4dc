#!/bin/bash
# --graph on the screen. At 80x24 a pipe and a queue in a pipeline: the
# stages as boxes, the buffers between them with their slots and kernel
# names, arrows; P asleep on the full pipe marks its arrow and the pipe's
# box; f steps the selected stage until F sleeps on the full queue, the
# items in it showing F's mark; q
# removes it all. At 200x60, five stages and four buffers side by side;
# shrunk to 80x24, a line per buffer instead.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 2 "--graph 'P -pipe-> F -sysv-msg-> C'" --keys gcpcpcpppp
wait_for 'S T E P' || fail "no first frame"
wait_for '┌ P ─+┐ +┌ B1 pipe ─+┐ +┌ F ─+┐ +┌ B2 sysv-msg ─+┐ +┌ C ─+┐' ||
    fail "the five boxes are not on one row"
wait_for '│P zz[^│]*│z─+→│██ 2/2' || fail "P is not asleep on the full pipe, marked on its arrow"
wait_for '│zz P: full' || fail "the pipe does not say P sleeps on it"
wait_for '│pipe:\[[0-9]+\] *│ +└─+┘ +│msq [0-9]+ *│' ||
    fail "the buffers do not show their kernel names"
cap | grep -q 'graph P -pipe-> F -sysv-msg-> C' || { cap >&2; fail "header"; }
keys Tab Tab
wait_for '^ *> F ' || fail "F not selected"
n=$(cap | sed -nE 's/.*newest last +step ([0-9]+) *$/\1/p')
press f $((n + 1)) || fail "f"
keys f f
wait_for '│zz F: full' || fail "F is not asleep on the full queue after three f"
wait_for '│F zz[^│]*│z─+→│██ 2/2' || fail "F is not marked on its arrow to the full queue"
wait_for '│[0-9]+:F [0-9]+:F *│' || fail "the queued items do not show the mark F added"
cap | grep -qE '^ *[0-9]+ f: (F |nothing granted: F is blocked)' ||
    { cap >&2; fail "the log does not say f stepped F"; }
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
tui_stop

tui_start 200 60 "--graph '{P1, P2} -> F -> G -> H -> {C1, C2}'"
wait_for 'S T E P' || fail "no first frame at 200x60"
wait_for '┌ P1 ─+┐ +┌ B1 sysv-shm ─+┐ +┌ F ─+┐ +┌ B2 sysv-shm ─+┐ +┌ G ─+┐ +┌ B3 sysv-shm ─+┐ +┌ H ─+┐ +┌ B4 sysv-shm ─+┐ +┌ C1 ─+┐' ||
    fail "the nine boxes are not on one row at 200x60"
wait_for '┌ P2 ─+┐ .*┌ C2 ─+┐' || fail "P2 and C2 are not under P1 and C1"
wait_for '│shm [0-9]+, sem [0-9]+ *│' || fail "no kernel names at 200x60"
"${T[@]}" resize-window -t t -x 80 -y 24
wait_for 'too many stages to draw in this width' || fail "no word at 80x24"
wait_for 'B4 sysv-shm 0/8 +H -> C1 C2' || fail "no line per buffer at 80x24"
keys q
st=$(wait_exit) || fail "q at 200x60"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
echo "ok graph-tui"
