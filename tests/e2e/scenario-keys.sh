#!/bin/bash
# Keys for prepared demos: --keys on the screen is played, then the
# keyboard is the teacher's (alone, and after a scenario's first mark);
# Enter steps the selected worker; a digit then p or c steps that worker
# and selects it; n without a scenario says so. The same keys headless.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/scenario.bash"

# --keys on the screen: eleven p fill two slots (shmat, then five calls
# an item), then a key of ours is step 12.
tui_start 80 24 -n 2 --keys ppppppppppp
wait_for 'newest last +step 11 *$' || fail "--keys not played on the screen"
wait_for '2 of 2 slots full' || fail "--keys did not fill the buffer"
cap | grep -qF '11 p: P1 semop(full, +1)' || { cap >&2; fail "step 11"; }
press c 12 || fail "the keyboard after --keys"
wait_for '12 c: C1 shmat' || fail "c after --keys"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
scn_fresh_tmux

# The screen's own keys in --keys: v shows the code panel at 80x24, z
# then shows the buffer alone, as the same keys pressed would.
tui_start 80 24 -n 2 --keys pv
wait_for 'the producer.s loop' || { cap >&2; fail "--keys v: no code panel"; }
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
scn_fresh_tmux
tui_start 80 24 -n 2 --keys pz
# Zoomed, the 80x24 buffer is boxes (a flat row of slots otherwise).
wait_for '└╌+ 1 ╌+┘' || { cap >&2; fail "--keys z: no zoomed buffer"; }
cap | grep -q 'Processes:' && { cap >&2; fail "--keys z: the other panels stay"; }
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
scn_fresh_tmux

# A scenario and --keys: the scenario to its first mark, then the keys
# (n: on to the second), then ours.
tui_start 80 24 --scenario fill-the-buffer --keys n
wait_for 'pause 2 of 4, n plays on' || fail "--keys n after the first mark"
keys n
wait_for 'pause 3 of 4, n plays on' || fail "our n after --keys"
wait_for 'empty 0 \(0 waiting\)' || fail "the buffer is not full at mark 3"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
scn_fresh_tmux

# Enter steps the selected worker: tab, tab selects P2.
tui_start 80 24 -p 2
wait_for 'S T E P' || fail "no first frame"
keys Tab Tab
keys Enter
wait_for '1 enter: P2 shmat' || fail "Enter did not step P2"
keys Enter
wait_for '2 enter: P2 semop\(empty, -1\)' || fail "Enter again did not step P2"
cap | grep -E '^ *P1 ' | grep -q ' attach ' || { cap >&2; fail "P1 moved"; }
# A digit then p or c: that worker, which is then the selected one.
keys 1 p
wait_for '3 p: P1 shmat' || fail "1 p did not step P1"
keys Enter
wait_for '4 enter: P1 semop\(empty, -1\)' || fail "1 p did not select P1"
keys 1 c
wait_for '5 c: C1 shmat' || fail "1 c did not step C1"
keys 3 p
wait_for 'there is no live P3 to step' || fail "3 p: no word about P3"
keys 2 c
wait_for 'there is no live C2 to step' || fail "2 c: no word about C2"
keys n
wait_for 'no scenario: n plays one' || fail "n without a scenario"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
scn_fresh_tmux

# The same keys headless: a digit, Enter (a newline in the script).
out=$E2E_TMP/keys.txt
"$IPCSCOPE" --headless -p 2 --keys $'2p\n1c3p\n' >"$out" || fail "headless exit $?"
line "$out" 1 | grep -qx '0 2: worker 2: p steps P2, c steps C2' ||
    fail "the digit's line: $(line "$out" 1)"
line "$out" 2 | grep -q '^1 p: P2 shmat' || fail "2 p: $(line "$out" 2)"
line "$out" 3 | grep -q '^2 enter: P2 semop(empty, -1)' ||
    fail "enter: $(line "$out" 3)"
line "$out" 5 | grep -q '^3 c: C1 shmat' || fail "1 c: $(line "$out" 5)"
line "$out" 7 | grep -q '^3 p: there is no live P3 to step' ||
    fail "3 p: $(line "$out" 7)"
# 1 c selected C1, and 3 p (no P3) left it so: Enter steps C1.
line "$out" 8 | grep -q '^4 enter: C1 semop(full, -1)' ||
    fail "enter after 1 c and 3 p: $(line "$out" 8)"
assert_no_leftovers
echo "ok scenario-keys"
