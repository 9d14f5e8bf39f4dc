#!/bin/bash
# The buffer grows with the terminal: at 80x24 a slot is one line of text
# and every panel still fits; at 200x60 it is a box many rows tall and
# wide, with the item's number in big digits, the slot's index in its
# bottom edge and the in/out arrows under it. A full slot differs from an
# empty one in its characters, not only in colour: checked with NO_COLOR,
# at 64 slots in 80 columns too. z shows the buffer alone and z again
# brings every panel back.
. "$(dirname "$0")/lib.sh"

# box_size: "H W" of the first full slot's box (┏ ... ┓ down to ┗), in
# rows and columns of the captured pane; nothing when there is none.
box_size() {
	cap | perl -CSD -ne '
		if (!defined $top && /\x{250f}/) {
			$top = $.; $x = index($_, "\x{250f}");
			$w = index($_, "\x{2513}", $x) - $x + 1;
		}
		if (defined $top && !defined $h && /\x{2517}/ &&
		    index($_, "\x{2517}") == $x) { $h = $. - $top + 1 }
		END { print "$h $w\n" if defined $h }'
}
# Rows of big digits in the first full box: lines with ink between ┃s.
digit_rows() {
	cap | perl -CSD -ne '$n++ if /^ \x{2503}[^\x{2503}]*[\x{2588}\x{2580}\x{2584}]/;
	    END { print $n + 0, "\n" }'
}

# Item 1 in slot 0: attach, wait-empty, lock, write, unlock, post-full.
# (The server stays between runs: a new session racing an exiting server
# finds no server.)
fill_one() {
	local n
	"${T[@]}" set-option -s exit-empty off
	wait_for 'S T E P' || fail "$1: no first frame"
	for n in 1 2 3 4 5 6; do press p $n || fail "$1: step $n"; done
}

# At 80x24: a line per row of slots, every panel on the screen.
tui_start 80 24 -n 4
fill_one 80x24
cap | grep -qE '^ +1 P1 +--- +--- +---$' || { cap >&2; fail "80x24: no flat row of slots"; }
cap | grep -qE '^ 0 ↑out +1 ↑in +2 +3$' || { cap >&2; fail "80x24: no index and markers under the slots"; }
[[ -z $(box_size) ]] || fail "80x24: a box where a line fits"
for p in 'Buffer:' 'Kernel:' 'Processes:' 'Log[:,]' '^ S T E P'; do
	cap | grep -qE "$p" || { cap >&2; fail "80x24: no $p on the screen"; }
done
keys q
[[ $(wait_exit) == 0 ]] || fail "80x24: q"
"${T[@]}" kill-session -t t 2>/dev/null

# At 200x60 the same run: boxes, big digits, the index in the edge.
tui_start 200 60 -n 4
fill_one 200x60
read -r h w < <(box_size)
[[ -n ${h:-} ]] || { cap >&2; fail "200x60: no box for the full slot"; }
echo "200x60: the full slot is $h rows by $w columns (80x24: 1 row)"
(( h >= 8 && w >= 30 )) || { cap >&2; fail "200x60: the slot is only ${h}x$w"; }
d=$(digit_rows)
(( d >= 5 )) || { cap >&2; fail "200x60: the number is not in big digits ($d rows)"; }
cap | grep -qE '┗━+ 0 ━+┛' || { cap >&2; fail "200x60: no index in the box's edge"; }
cap | grep -qE '└╌+ 1 ╌+┘' || { cap >&2; fail "200x60: no dashed empty slot with its index"; }
cap | grep -qE '^ ↑ out +↑ in$' || { cap >&2; fail "200x60: no in/out arrows under the slots"; }
for p in 'Kernel:' 'Processes:' 'Log[:,]'; do
	cap | grep -qE "$p" || { cap >&2; fail "200x60: no $p on the screen"; }
done

# z: the buffer alone, larger still; z again: every panel.
keys z
wait_gone 'Processes:' || fail "z: the other panels stay"
read -r zh zw < <(box_size)
(( ${zh:-0} > h )) || { cap >&2; fail "z: the slot did not grow (${zh:-none} rows, was $h)"; }
echo "zoomed: the full slot is $zh rows by $zw columns"
cap | grep -q 'Kernel:' && fail "z: the kernel panel stays"
keys z
wait_for 'Processes:' || fail "z again: the panels do not come back"
wait_for 'Kernel:' || fail "z again: no kernel panel"
read -r h2 w2 < <(box_size)
[[ "$h2 $w2" == "$h $w" ]] || fail "z again: the slot is ${h2}x$w2, was ${h}x$w"
keys q
[[ $(wait_exit) == 0 ]] || fail "200x60: q"
"${T[@]}" kill-session -t t 2>/dev/null

# NO_COLOR: full and empty still differ, by their characters.
IPCSCOPE_PLAIN=$IPCSCOPE
IPCSCOPE="env NO_COLOR=1 $IPCSCOPE_PLAIN"
tui_start 80 24 -n 64
fill_one "NO_COLOR 64 slots"
# (39 and 49 are the default colours, which every reset names)
cap -e | grep -oE $'\e\\[[0-9;]*m' |
    grep -qE '(\[|;)(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;|m)' &&
    fail "NO_COLOR: colours were drawn"
# Items 2 to 10, one key each: item 10 is wider than its cell.
keys g
wait_for 'one step is now one whole item' || fail "g"
for n in 7 8 9 10 11 12 13 14 15; do press p $n || fail "64 slots: step $n"; done
row=$(cap | sed -n 4p)
[[ $row =~ ^\ 1\ 2\ 3\ 4\ 5\ 6\ 7\ 8\ 9\ 0\ ·\ ·\  ]] ||
    { cap >&2; fail "64 slots: full slots are not digits beside dots: $row"; }
# Each full slot in reverse video, the empty ones not: a digit (item 10
# its last one), never a block, which reverse video would show as empty.
n=$(cap -e | sed -n 4p | grep -oE $'\e\\[[0-9;]*7m[0-9]' | wc -l)
(( n == 10 )) || { cap -e >&2; fail "64 slots: $n of 10 full slots drawn as a reversed digit"; }
keys q
[[ $(wait_exit) == 0 ]] || fail "NO_COLOR 64: q"
"${T[@]}" kill-session -t t 2>/dev/null

tui_start 200 60 -n 4
fill_one "NO_COLOR 200x60"
cap | grep -qE '┏━+┓' || fail "NO_COLOR: no heavy box for the full slot"
cap | grep -qE '╎ +empty +╎' || fail "NO_COLOR: no dashed box saying empty"
(( $(digit_rows) >= 5 )) || fail "NO_COLOR: no big digits"
keys q
[[ $(wait_exit) == 0 ]] || fail "NO_COLOR 200x60: q"
assert_no_leftovers
echo "ok tui-buffer-grows"
