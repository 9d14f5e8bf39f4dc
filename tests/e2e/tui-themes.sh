#!/bin/bash
# Themes on the screen, read from the escape sequences tmux keeps
# (capture-pane -e): each theme started with --theme at 80x24 and 200x60
# draws its own colours (light: no yellow or cyan text at all; projector:
# paints its white background; mono: no colour, reverse and bold for the
# cues); T cycles dark, light, projector, mono and back, on the demo and
# in a replay, without taking a step; NO_COLOR, or a terminal without
# colour, gives mono, where a full slot still differs from an empty one;
# an 8-colour terminal gets the 8 colours, never a 256-colour index.
. "$(dirname "$0")/lib.sh"

capE() { cap -e; }

# The foreground colours the screen uses, as xterm-256 indexes, one a
# line: SGR 38;5;N, 30..37 and 90..97.
fg_colours() {
	capE | grep -oE $'\e\\[[0-9;]*m' | tr -d '\033[m' | awk -F';' '{
		for (i = 1; i <= NF; i++) {
			if ($i == 38 && $(i + 1) == 5) { print $(i + 2); i += 2 }
			else if ($i == 48 && $(i + 1) == 5) i += 2
			else if ($i >= 30 && $i <= 37) print $i - 30
			else if ($i >= 90 && $i <= 97) print $i - 90 + 8
		}
	}' | sort -un
}
# Yellow or cyan, by the xterm palette: red and green high with blue low,
# or green and blue high with red low (as tests/unit/test_theme.c).
yellow_or_cyan() {
	awk 'BEGIN { split("0 95 135 175 215 255", lv, " ")
		split("000000 cd0000 00cd00 cdcd00 0000ee cd00cd 00cdcd e5e5e5 7f7f7f ff0000 00ff00 ffff00 5c5cff ff00ff 00ffff ffffff", sys, " ") }
	function hex(s) { return index("0123456789abcdef", s) - 1 }
	{
		i = $1
		if (i < 16) { s = sys[i + 1]; r = hex(substr(s,1,1))*16+hex(substr(s,2,1));
		    g = hex(substr(s,3,1))*16+hex(substr(s,4,1)); b = hex(substr(s,5,1))*16+hex(substr(s,6,1)) }
		else if (i < 232) { j = i - 16; r = lv[int(j / 36) + 1]; g = lv[int(j / 6) % 6 + 1]; b = lv[j % 6 + 1] }
		else { r = g = b = 8 + 10 * (i - 232) }
		if ((r > 160 && g > 160 && b < 128) || (r < 128 && g > 160 && b > 160)) print i
	}'
}
no_colour() { ! capE | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|38;5|48;5)[;m]'; }
has_sgr() { capE | grep -qE $'\e\\[([0-9;]*;)?'"$1"'[;m]'; }

# The theme each is, from its colours: heading backgrounds.
is_theme() {
	case $1 in
	dark)		has_sgr '48;5;117' && ! has_sgr '48;5;231' ;;
	light)		has_sgr '48;5;24' && [[ -z $(fg_colours | yellow_or_cyan) ]] ;;
	projector)	has_sgr '48;5;231' && has_sgr '48;5;18' ;;
	mono)		no_colour && has_sgr 7 ;;
	esac
}

# A full slot in the buffer: the line with item 1 and the attribute it has.
# The full slot's own attribute: the compact slot's text "1 P1", or the
# corner of a large slot's box (i9-buffer's boxes from 160 columns).
full_slot_attr() { capE | grep -oE $'\e\\[[0-9;]*m( *1 P1|┏|#)' | head -1; }

walk() {	# start THEME W H, with one item in the buffer
	tui_start "$2" "$3" -n 4 ${1:+--theme $1}
	wait_for 'S T E P' || fail "$1 ${2}x$3: no first frame"
	local n
	for n in 1 2 3 4; do
		keys p
		wait_for "newest last +step $n( |\$)" || fail "$1: key $n"
	done
	wait_for ' 1 of 4 slots full' || fail "$1: no item in the buffer"
	settle
}
stop() {
	keys q
	[[ $(wait_exit) == 0 ]] || fail "$*: q did not exit 0"
	"${T[@]}" kill-session -t t 2>/dev/null
}

"${T[@]}" -f /dev/null start-server \; set-option -s exit-empty off 2>/dev/null
for size in "80 24" "200 60"; do
	set -- $size
	for theme in dark light projector mono; do
		walk "$theme" "$1" "$2"
		is_theme "$theme" || { capE | cat -v | head -12 >&2;
		    fail "--theme $theme at ${1}x$2: not drawn as $theme"; }
		for other in dark light projector mono; do
			[[ $other == "$theme" ]] && continue
			! is_theme "$other" || fail "--theme $theme at ${1}x$2 looks like $other"
		done
		[[ -n $(full_slot_attr) ]] || fail "$theme: the full slot has no attribute of its own"
		(( $1 < 200 )) || wait_for "theme $theme *\$" 1000 ||
		    fail "$theme: the status line does not name the theme"
		case $theme in
		light)	bad=$(fg_colours | yellow_or_cyan | tr '\n' ' ')
			[[ -z $bad ]] || fail "light: yellow or cyan text: $bad" ;;
		mono)	full_slot_attr | grep -qE '\[(1;)?7m|;7m' ||
			    fail "mono: the full slot is not in reverse: $(full_slot_attr | cat -v)" ;;
		esac
		echo "--theme $theme at ${1}x$2: drawn as $theme (full slot $(full_slot_attr | cut -d' ' -f1 | cat -v))"
		stop "$theme"
	done
done

# T cycles, with no step taken.
walk dark 200 60
for theme in light projector mono dark; do
	keys T
	wait_for "theme $theme *\$" 2000 || fail "T does not reach $theme"
	settle
	is_theme "$theme" || fail "T to $theme: not drawn as $theme"
	wait_for 'newest last +step 4( |$)' 100 || fail "T took a step"
done
echo "T cycles dark, light, projector, mono, dark"
stop T

# NO_COLOR and a terminal without colour give mono; T under NO_COLOR
# still reaches the colour themes (the key asks for them), but not on a
# terminal that has none.
IPC=$IPCSCOPE
IPCSCOPE="env NO_COLOR=1 $IPC"
walk "" 80 24
is_theme mono || fail "NO_COLOR: not mono"
full_slot_attr | grep -qE '7m' || fail "NO_COLOR: the full slot is not in reverse"
keys T
wait_for 'S T E P' && settle
is_theme dark || fail "NO_COLOR then T: not dark"
stop NO_COLOR
# 64 slots in cells of one column: a full one is still told from an empty
# one without colour, by reverse video and by its glyph (the item number,
# or # once it has two digits; an empty one is a dot).
tui_start 80 24 -n 64
wait_for 'S T E P' || fail "NO_COLOR -n 64: no first frame"
for n in $(seq 1 23); do
	keys p
	wait_for "newest last +step $n( |\$)" || fail "NO_COLOR -n 64: key $n"
done
settle
cells=$(capE | grep -m1 -E '·')
grep -qE $'\e\\[([0-9;]*;)?7m' <<<"$cells" || fail "NO_COLOR -n 64: no full slot in reverse: $(cat -v <<<"$cells")"
grep -qE '(1|#) ' <<<"$(sed -E $'s/\e\\[[0-9;]*m//g' <<<"$cells")" || fail "NO_COLOR -n 64: no full slot glyph"
# The 60 empty ones, over the rows the slots wrap into.
[[ $(cap | grep -o "·" | wc -l) -ge 60 ]] || fail "NO_COLOR -n 64: empty slots are not dots"
echo "NO_COLOR -n 64: full slots reversed with their number, empty ones dots"
stop "NO_COLOR -n 64"
IPCSCOPE="env TERM=vt100 $IPC"
walk "" 80 24
is_theme mono || fail "vt100: not mono"
keys T
settle
is_theme mono || fail "vt100 then T: left mono on a terminal without colour"
stop vt100
# 8 colours: the fallback, no 256-colour index.
IPCSCOPE="env TERM=screen $IPC"
walk light 80 24
has_sgr '38;5' && fail "screen (8 colours): a 256-colour index was sent"
has_sgr '44' || fail "screen (8 colours): light's heading is not blue"
bad=$(fg_colours | yellow_or_cyan | tr '\n' ' ')
[[ -z $bad ]] || fail "light in 8 colours: yellow or cyan text: $bad"
stop screen
IPCSCOPE=$IPC
echo "NO_COLOR and vt100 give mono; screen gets 8 colours"

# A replay: --theme and T work there too.
R=$E2E_TMP/run.rec
$IPCSCOPE --headless --keys pppp --record "$R" >/dev/null 2>&1 ||
    fail "the recorded run failed"
tui_start 200 60 replay --theme projector "$R"
wait_for 'R E P L A Y' || fail "replay: no first frame"
settle
is_theme projector || fail "replay --theme projector: not projector"
keys T
wait_for 'theme mono *$' 2000 || fail "replay: T does not reach mono"
settle
is_theme mono || fail "replay T: not mono"
cap | grep -qE '\? help +q quit' || fail "replay: no ? help and q quit"
stop replay
assert_no_leftovers
echo "ok tui-themes"
