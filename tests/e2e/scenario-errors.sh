#!/bin/bash
# A malformed scenario: one line on stderr, "ipcscope: FILE:LINE:COL:
# expected ..., found ...", nothing on stdout, exit status 2, and no
# object made (nothing left, not even the run directory). A setting's
# value out of range reads as the command line's message, with the place
# in the file; the command line's own options win over the file's.
. "$(dirname "$0")/lib.sh"

d=$E2E_TMP/scn
mkdir -p "$d"
# bad NAME CONTENT LINE:COL REGEX [ARGS...]: the one line it must give.
bad() {
	local name=$1 content=$2 where=$3 re=$4 out err st
	shift 4
	printf '%b' "$content" >"$d/$name.scn"
	for face in --headless ""; do
		"$IPCSCOPE" $face "$@" --scenario "$d/$name.scn" >"$d/out" 2>"$d/err"
		st=$?
		[[ $st == 2 ]] || fail "$name ($face): exit $st, not 2: $(cat "$d/err")"
		[[ ! -s $d/out ]] || fail "$name ($face): stdout: $(head -c 300 "$d/out")"
		(( $(wc -l <"$d/err") == 1 )) ||
		    fail "$name ($face): not one line: $(cat "$d/err")"
		grep -qE "^ipcscope: $d/$name\.scn:$where: $re\$" "$d/err" ||
		    fail "$name ($face): $(cat "$d/err")"
		[[ ! -e $IPCSCOPE_RUNDIR ]] || fail "$name ($face): a run was started"
		assert_no_leftovers
	done
}
bad no-title 'slots 3\n' 1:1 'expected title "\.\.\." first, found "slots"'
bad unknown 'title "x"\n\n  bogus 3\n' 3:3 'expected a setting .* or a command \(step, kill, caption, pause\), found "bogus"'
bad worker 'title "x"\nstep P1\nstep Q1\n' 3:6 'expected a worker \(P1\.\.P8 or C1\.\.C8\), found "Q1"'
bad count 'title "x"\nstep C1 0\n' 2:9 'expected a count of steps, 1\.\.999, or end of line, found "0"'
bad quote 'title "x"\ncaption "open\n' 2:14 'expected a closing quote for the caption opened at column 9, found end of line'
bad late 'title "x"\npause\nslots 2\n' 3:1 'expected a command \(settings come before the first one, on line 2\), found the setting "slots"'
bad cmdline 'title "x"\nrecord f\n' 2:1 'expected a setting, found "record", which only the command line takes'
bad trailing 'title "x"\nmailbox yes\n' 2:9 'expected end of line, found "yes"'
bad control 'title "x"\ncaption "a\033[2J"\n' 2:11 'expected text, found the control byte \\033'
bad utf8 'title "\377"\n' 1:8 'expected UTF-8 text, found the byte \\377'
bad no-such-worker 'title "x"\nproducers 2\nstep P3\n' 3:6 'expected a worker of this run \(P1\.\.P2, C1\.\.C1\), found "P3"'
# The same words as the command line's --slots 99, with the place.
bad range 'title "x"\nslots 99\n' 2:1 'slots "99": too large; allowed: 1\.\.64'
cmd=$("$IPCSCOPE" --headless --slots 99 2>&1)
[[ $cmd == 'ipcscope: --slots "99": too large; allowed: 1..64' ]] ||
    fail "the command line's words changed: $cmd"
bad transport 'title "x"\ntransport carrier-pigeon\n' 2:1 'transport "carrier-pigeon": no such transport; transports: .*'
# A setting for another transport.
bad mailbox 'title "x"\nmailbox\ntransport pipe\n' 2:1 'mailbox has no effect with transport pipe; it works with --transport sysv-msg'
# The command line wins: its transport makes the same file's mailbox wrong.
bad wins 'title "x"\ntransport sysv-msg\nmailbox\n' 3:1 'mailbox has no effect with transport pipe; it works with --transport sysv-msg' --transport pipe

# A pace is checked even where it does nothing (headless).
bad pace 'title "x"\nrun\nspeed 1\n' 3:1 'speed "1": too small; allowed: 10\.\.10000'
# run and speed do nothing headless: the script plays, and the run ends.
printf 'title "x"\nrun\nspeed 100\nstep P1\npause\n' >"$d/run.scn"
timeout 20 "$IPCSCOPE" --headless --scenario "$d/run.scn" >"$d/out" 2>"$d/err" ||
    fail "run in a scenario, headless: exit $? $(cat "$d/err")"
last "$d/out" | grep -q '^audit: ' || fail "run in a scenario: $(last "$d/out")"

# The command line wins over the file: --slots 3 over slots 99.
printf 'title "x"\nslots 99\nproducers 2\n' >"$d/wins.scn"
"$IPCSCOPE" --headless --json --slots 3 --scenario "$d/wins.scn" >"$d/out" 2>"$d/err" ||
    fail "--slots 3 did not win: $(cat "$d/err")"
jcheck_at "$d/out" 1 '.buffer.capacity == 3 and ([.workers[] | select(.role == "producer")] | length == 2)' \
    "the command line's --slots with the file's producers"

# Files that are not there, or not files.
for arg in "$d/none.scn" no-such-scenario "$d"; do
	"$IPCSCOPE" --headless --scenario "$arg" >"$d/out" 2>"$d/err"
	st=$?
	[[ $st == 2 && ! -s $d/out && $(wc -l <"$d/err") == 1 ]] ||
	    fail "--scenario $arg: exit $st: $(cat "$d/err")"
done
grep -q 'no such scenario in .*; see ipcscope --list-scenarios' <(
    "$IPCSCOPE" --scenario no-such-scenario 2>&1) || fail "no word on a bad name"
assert_no_leftovers
echo "ok scenario-errors"
