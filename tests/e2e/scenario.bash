# Shared by the scenario-* stories (sourced after lib.sh; not a story):
# the expectations of scenarios.expect, read and checked.
SCN_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../assets/scenarios" && pwd)
SCN_EXPECT=$(dirname "${BASH_SOURCE[0]}")/scenarios.expect
# Helpers the expectations' jq uses: P(1), C(2), sem("empty"), waiting("full").
SCN_JQDEFS='def P($n): .workers[] | select(.role == "producer" and .id == $n);
def C($n): .workers[] | select(.role == "consumer" and .id == $n);
def sem($s): .kernel.sem.values[$s];
def waiting($s): .kernel.sem.waiting[$s];'

# The scenarios the expectations cover, in file order.
scn_names() { grep -v '^#' "$SCN_EXPECT" | cut -d'|' -f1 | grep . | uniq; }
# The marks of NAME: "MARK|CAPTION|JQ" lines.
scn_marks() { grep "^$1|" "$SCN_EXPECT" | cut -d'|' -f2-; }

# Every shipped scenario has expectations, and no more.
scn_all_covered() {
	local shipped
	shipped=$(cd "$SCN_DIR" && ls *.scn | sed 's/\.scn$//' | sort)
	[[ -n $shipped ]] || fail "no shipped scenario in $SCN_DIR"
	[[ $shipped == "$(scn_names | sort)" ]] ||
	    fail "shipped scenarios and scenarios.expect differ: $(diff <(echo "$shipped") <(scn_names | sort) | grep '^[<>]' | tr '\n' ' ')"
}

# scn_check FILE NAME WHAT: in FILE's snapshots (--json lines, or a
# --record, whose first line is its header), each pause mark of NAME is
# there once, with its caption, and its JQ holds; the marks are all.
scn_check() {
	local f=$1 name=$2 what=$3 mark caption expr n got
	n=$(scn_marks "$name" | wc -l)
	got=$(jq -s '[.[] | select(.key == "pause")] | length' "$f" 2>&1) ||
	    fail "$what: $f is not JSON lines: $got"
	[[ $got == "$n" ]] || fail "$what: $got pause lines, $n marks expected"
	while IFS='|' read -r mark caption expr; do
		got=$(jq -s -c --argjson m "$mark" --arg c "$caption" \
		    --arg e "$expr" "$SCN_JQDEFS
		    [.[] | select(.key == \"pause\" and .scenario.mark == \$m)] |
		    if length != 1 then \"\(length) lines for the mark\"
		    elif .[0].scenario.caption != \$c then \"caption \(.[0].scenario.caption)\"
		    elif .[0].scenario.marks != $n then \"marks \(.[0].scenario.marks)\"
		    elif [.[0] | $expr] | (length > 0 and all) then \"ok\"
		    else \"not true: \(\$e)\" end" "$f" 2>&1)
		[[ $got == '"ok"' ]] ||
		    fail "$what: $name mark $mark: $got; the line: $(jq -s -c --argjson m "$mark" '.[] | select(.key == "pause" and .scenario.mark == $m) | {kernel, buffer: (.buffer | {count, out}), workers: [.workers[] | {role, id, phase, blocked, holds, alive, done}]}' "$f" 2>&1 | cut -c1-900)"
	done < <(scn_marks "$name")
}

# A tmux server of its own for the next screen: the last one is killed,
# and a new socket spares waiting for it to go.
SCN_SOCKS=0
scn_fresh_tmux() {
	"${T[@]}" kill-server 2>/dev/null
	SCN_SOCKS=$((SCN_SOCKS + 1))
	T=(tmux -S "$E2E_TMP/sock.$SCN_SOCKS" -f /dev/null)
}

# scn_screen W H NAME: the scenario on a WxH screen, recorded: it plays
# to its first mark by itself; at each mark the screen says "pause K of
# N" with the caption whole on one line; n plays on; the last mark says
# "the end". Then q, exit 0, and the recording's pauses hold what
# scenarios.expect claims (the state the screen drew).
scn_screen() {
	local w=$1 h=$2 name=$3 rec=$E2E_TMP/$3-$1x$2.rec mark caption expr n st
	n=$(scn_marks "$name" | wc -l)
	scn_fresh_tmux
	tui_start "$w" "$h" --scenario "$name" --record "$rec"
	while IFS='|' read -r mark caption expr; do
		if (( mark == n )); then
			wait_for "pause $mark of $n, the end" 10000 ||
			    fail "$name ${w}x$h: no last mark"
		else
			wait_for "pause $mark of $n, n plays on" 10000 ||
			    fail "$name ${w}x$h: no mark $mark"
		fi
		cap | grep -qF -- "$caption" || { cap >&2;
		    fail "$name ${w}x$h: mark $mark: no caption \"$caption\""; }
		(( mark < n )) && keys n
	done < <(scn_marks "$name")
	keys q
	st=$(wait_exit 10000) || fail "$name ${w}x$h: q"
	[[ $st == 0 ]] || fail "$name ${w}x$h: exit $st"
	scn_check "$rec" "$name" "screen ${w}x$h"
	assert_no_leftovers
}
