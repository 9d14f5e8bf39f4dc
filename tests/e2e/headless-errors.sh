#!/usr/bin/env bash
# Every bad input is refused the same way: exactly one line on stderr that
# starts "ipcscope: " and names the problem, nothing on stdout, exit status
# 2, no raw control byte or non-ASCII byte in the message (user text is
# shown with C escapes: \n, \t, \033, \377), and nothing left behind. The
# options, their values and where they work are read from --help, so a new
# one is covered as soon as it is documented there. The story ends by
# printing how many bad inputs it tried.
. "$(dirname "$0")/lib.sh"

# What a refused run could leave, into TRACES: System V ids, POSIX
# objects, the run directory. Bash alone, like refuse() below: a story of
# some 850 refusals spent most of its time forking awk, grep, wc and od.
traces() {
	local f line fields lines
	TRACES=""
	for f in /proc/sysvipc/shm /proc/sysvipc/msg /proc/sysvipc/sem; do
		mapfile -t -s 1 lines <"$f"
		for line in "${lines[@]}"; do
			read -ra fields <<<"$line"
			TRACES+="$f ${fields[1]}"$'\n'
		done
	done
	for f in /dev/shm/ipcscope.* "${IPCSCOPE_MQUEUE_DIR:-/none}"/ipcscope.*; do
		TRACES+="$f"$'\n'
	done
	[[ ! -e $IPCSCOPE_RUNDIR ]] || TRACES+="run directory $IPCSCOPE_RUNDIR"
}
traces
clean_slate=$TRACES

n=0
# refuse WORDS ARGS...: the run must fail as described above, and its one
# line must hold WORDS.
refuse() {
	local want=$1 out=$E2E_TMP/out err=$E2E_TMP/err rc what e parts
	shift
	n=$((n + 1))
	printf -v what ' %q' "$@"
	what="ipcscope$what"
	"$IPCSCOPE" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
	(( rc == 2 )) || fail "$what: exit $rc, not 2 ($(od -c "$err" | head -5))"
	[[ ! -s $out ]] || fail "$what: wrote to stdout: $(head -c 300 "$out" | od -c | head)"
	# The whole of stderr, NUL bytes and all (each ends a part).
	mapfile -d '' parts <"$err"
	e=${parts[0]:-}
	(( ${#parts[@]} == 1 )) && [[ $e == *$'\n' && ${e%$'\n'} != *$'\n'* ]] ||
	    fail "$what: not one line on stderr: $(od -c "$err" | head -20)"
	e=${e%$'\n'}
	local LC_ALL=C
	[[ $e == *[^' '-'~']* ]] &&
	    fail "$what: raw bytes on stderr: $(od -c "$err" | head -20)"
	LC_ALL=C.UTF-8
	[[ $e == 'ipcscope: '* ]] || fail "$what: does not start 'ipcscope: ': $e"
	[[ $e == *"$want"* ]] || fail "$what: stderr does not say '$want': $e"
	traces
	[[ $TRACES == "$clean_slate" ]] ||
	    fail "$what: left behind: $(diff <(echo "$clean_slate") <(echo "$TRACES"))"
}

help=$("$IPCSCOPE" --help) || fail "--help exited $?"
options=$(sed -n '/^options:/,/^$/p' <<<"$help")

# Options and what they are, as --help has them: "-n, --slots N ... 1..64".
# valued: "--slots -n N 1 64" (short, low and high as "-" when none).
valued=$(sed -nE 's/^ +(-([a-zA-Z]), )?(--[a-z-]+) ([A-Z]+) .*/\3 -\2 \4/p' <<<"$options" |
    while read -r long short arg; do
	range=$(grep -E -- "$long $arg " <<<"$options" |
	    sed -nE 's/.*[^0-9]([0-9]+)\.\.([0-9]+).*/\1 \2/p')
	echo "$long $short $arg ${range:-- -}"
done)
(( $(wc -l <<<"$valued") >= 9 )) || fail "only $(wc -l <<<"$valued") valued options in --help: $valued"
# A good value for each kind of argument.
good() {
	case $1 in
	NAME) echo pipe ;;
	THEME) echo dark ;;
	SCRIPT) echo p ;;
	DIR) echo . ;;
	SPEC) echo 'P -> C' ;;
	*) [[ $2 == - ]] && echo 1 || echo "$2" ;;
	esac
}

# 1. A value with a newline, a tab, an escape sequence, invalid UTF-8, half
# of a UTF-8 character and a whole one (which no option takes), before and
# after a good value, through the long and the short name: the message
# shows the value as C escapes, naming the option as it was written.
bad=($'\n' $'\t' $'\e[31m' $'\xff' $'\xc3' $'\xc3\xa9')
shown=('\n' '\t' '\033[31m' '\377' '\303' '\303\251')
values=0
while read -r long short arg lo hi; do
	g=$(good "$arg" "$lo")
	for i in "${!bad[@]}"; do
		for pos in before after; do
			if [[ $pos == before ]]; then
				v=${bad[i]}$g vis=${shown[i]}$g
			else
				v=$g${bad[i]} vis=$g${shown[i]}
			fi
			# A file's name may hold any byte but a control one.
			if [[ ($arg == FILE || $arg == DIR) && ${bad[i]} != $'\n' &&
			    ${bad[i]} != $'\t' && ${bad[i]} != $'\e[31m' ]]; then
				continue
			fi
			# A tab is a key, and so is a newline (enter): make
			# the script bad another way.
			if [[ $arg == SCRIPT && ( ${bad[i]} == $'\t' ||
			    ${bad[i]} == $'\n' ) ]]; then
				v+='~' vis+='~'
			fi
			refuse "$long \"$vis\"" "$long" "$v"
			refuse "$long \"$vis\"" "$long=$v"
			if [[ $short != - ]]; then
				refuse "$short \"$vis\"" "$short" "$v"
				refuse "$short \"$vis\"" "$short$v"
			fi
			values=$((values + 1))
		done
	done
	# Empty, and a value too long to show whole.
	refuse "$long \"\"" "$long" ""
	refuse "$long \"$(printf 'x%.0s' {1..64})...\"" "$long" \
	    "$(printf 'x%.0s' {1..300})"$'\n'
done <<<"$valued"
echo "$values bad values for $(wc -l <<<"$valued") options, each spelled 2 or 4 ways"

# 2. The numbers: not numbers, out of range, padded.
numeric=0
while read -r long short arg lo hi; do
	[[ $arg == NAME || $arg == SCRIPT || $arg == FILE || $arg == THEME || $arg == DIR ||
	    $arg == SPEC ]] && continue
	numeric=$((numeric + 1))
	refuse "$long \"abc\": not a whole number" "$long" abc
	refuse "$long \" $lo\": not a whole number" "$long" " $lo"
	refuse "$long \"-5\": too small" "$long" -5
	refuse "$long \"99999999999999999999\": too large" "$long" 99999999999999999999
	if [[ $lo != - ]]; then
		refuse "$long \"$((lo - 1))\": too small; allowed: $lo..$hi" \
		    "$long" $((lo - 1))
		refuse "$long \"$((hi + 1))\": too large; allowed: $lo..$hi" \
		    "$long" $((hi + 1))
	else
		refuse "$long \"0\": too small" "$long" 0
	fi
done <<<"$valued"
(( numeric >= 7 )) || fail "only $numeric numeric options found in --help"

# 3. Options that do not exist, or not like that, named as written.
refuse 'unknown option "-z"' --headless -zq
refuse 'unknown option "-q"' -qz
refuse 'unknown option "-x"' -x
refuse 'unknown option "-\n"' -$'\n'
refuse 'unknown option "-\377"' -$'\xff'
refuse 'unknown option "--bogus"' --bogus
refuse 'unknown option "--bogus"' --bogus=1
refuse 'unknown option "--\033[31m"' --$'\e[31m'
refuse 'unknown option "--x\303"' --x$'\xc3'
refuse 'unknown option "---slots"' ---slots 3
refuse "unknown option \"--$(printf 'y%.0s' {1..62})...\"" \
    --"$(printf 'y%.0s' {1..200})"
refuse 'unknown option "--no-such-flag"' --headless --keys p --no-such-flag
refuse 'option "--s" is ambiguous: it could be --slots, --speed, --steps' --s 3
refuse '--run takes no value' --run=yes
refuse '--headless takes no value' --headless=1 --keys p
refuse "--slots needs a value" --slots
refuse "--slots needs a value" --sl
refuse "-n needs a value" -n
refuse "--keys needs a value" --headless --keys
refuse "--transport needs a value" --transport
refuse '"~" (byte 3) is not a key' --headless --keys "pp~"
refuse '"\240" (byte 2) is not a key' --headless --keys $'p\xa0c'
refuse '"\303" (byte 1) is not a key' --headless --keys é
refuse 'unknown command "frobnicate"; commands: demo, replay, clean' frobnicate
refuse 'unknown command "\033[2J"' $'\e[2J'
refuse 'unknown command ""' ""
refuse 'unexpected argument "extra"' --headless --keys p extra
refuse 'unexpected argument "a\nb"' --headless --keys p $'a\nb'
refuse 'unexpected argument "-n"' --headless -- -n 3
refuse '--theme "neon": no such theme; themes: dark, light, projector, mono' --theme neon
refuse '--theme has no effect with --headless alone' --headless --theme dark

# 4. An option where it has no effect: the one line says where it works,
# in the words of --help.
where=$(sed -n '/^where options work/,/^$/p' <<<"$help")
works() { sed -nE "s/^ +$1 +(.*)/\1/p" <<<"$where"; }
for o in --speed --run --keys --json --steps --frames --mailbox; do
	[[ -n $(works "$o") ]] || fail "--help does not say where $o works"
done
# (--keys works on the screen too: played, then the keyboard is yours.)
refuse "--keys has no effect with replay on the screen; it works $(works --keys)" replay a --keys pppc
refuse "--json has no effect on the screen; it works $(works --json)" --json
refuse "--steps has no effect on the screen; it works $(works --steps)" --steps 3
refuse "--steps has no effect with --headless alone" --headless --steps 3
refuse "--steps has no effect with --headless --keys" --headless --keys p --steps 3
refuse "--run has no effect with --headless --keys; it works $(works --run)" \
    --headless --run --keys p
refuse "--speed has no effect with --headless --keys; it works $(works --speed)" \
    --headless --keys p --speed 100
refuse "--speed has no effect with --headless alone" --headless --speed 100
refuse "--frames has no effect with --headless alone; it works $(works --frames)" \
    --headless --frames 5
refuse "--frames has no effect with --headless --run" --headless --run --frames 5
refuse "--frames has no effect with --headless --keys" --headless --keys p --frames 5
refuse "--mailbox has no effect with --transport sysv-shm; it works $(works --mailbox)" \
    --headless --keys p --mailbox
refuse "--mailbox has no effect with --transport pipe" -t pipe --mailbox
refuse "--svg has no effect on the screen; it works $(works --svg)" --svg .
refuse "--svg has no effect with clean" clean --svg .
# --svg's directory must be there, and be one.
refuse '--svg "/nonexistent/dir": No such file or directory' --headless --svg /nonexistent/dir
refuse '--svg "/dev/null": not a directory' --headless --keys p --svg /dev/null

# 5. clean takes no options: each one --help lists (but help, version and
# the lists of transports and scenarios, which answer at once), as written.
cleaned=0
while read -r short long arg; do
	case $long in --help|--version|--list-transports|--list-scenarios) continue ;; esac
	v=()
	if [[ -n $arg ]]; then
		v=("$(good "$arg" "$(awk -v l="$long" '$1 == l {print $4}' <<<"$valued")")")
	fi
	refuse "$long has no effect with clean, which takes no options" clean "$long" "${v[@]}"
	if [[ $short != - ]]; then
		refuse "$short has no effect with clean" clean "$short" "${v[@]}"
	fi
	cleaned=$((cleaned + 1))
done < <(sed -nE 's/^ +(-([a-zA-Z]), )?(--[a-z-]+)( ([A-Z]+))? .*/-\2 \3 \5/p' <<<"$options")
(( cleaned >= 13 )) || fail "only $cleaned demo options tried with clean"
refuse 'unexpected argument "extra"' clean extra
# replay: one file, and none of the demo's options.
refuse 'replay needs a recording (a FILE that --record wrote)' replay
refuse 'replay needs a recording' --headless replay
refuse 'unexpected argument "b": only options may follow the command and its file' replay a b
refuse '-t has no effect with replay on the screen; it works with the demo' replay a -t pipe
refuse "--keys has no effect with --headless replay; it works $(works --keys)" --headless replay a --keys p
refuse '--record has no effect with replay on the screen' replay a --record b

assert_no_leftovers

# Each refusal was for its reason: the combinations that work still do,
# with a line per key and the closing audit line.
# runs_ok N ARGS...: the run exits 0 with N step lines and the audit line.
runs_ok() {
	local want=$1
	shift
	"$IPCSCOPE" "$@" >"$E2E_TMP/works" 2>"$E2E_TMP/err" </dev/null ||
	    fail "ipcscope$(printf ' %q' "$@") exited $?: $(cat "$E2E_TMP/err")"
	(( $(grep -c '^[0-9]* [a-z]*: ' "$E2E_TMP/works") == want )) &&
	    [[ $(wc -l <"$E2E_TMP/works") == $((want + 1)) ]] &&
	    grep -q '^audit: produced [0-9]' <<<"$(tail -n 1 "$E2E_TMP/works")" ||
	    fail "ipcscope$(printf ' %q' "$@"): not $want steps and the audit line: $(cat "$E2E_TMP/works")"
}
runs_ok 2 --headless --keys pc
runs_ok 1 --head --keys p -n3
runs_ok 3 --headless --keys $'p\tc'
"$IPCSCOPE" --headless --json >"$E2E_TMP/once.json" || fail "--headless --json failed"
l=$(wc -l <"$E2E_TMP/once.json")
(( l == 2 )) || fail "--headless --json printed $l lines, not a snapshot and the closing line"
jcheck_end "$E2E_TMP/once.json" '.closing == {"reason": "once", "status": 0}' \
    "--headless --json: the closing line"
"$IPCSCOPE" --headless --run --json --steps 3 --speed 10 >"$E2E_TMP/steps.json" ||
    fail "--headless --run --steps 3 failed"
l=$(wc -l <"$E2E_TMP/steps.json")
(( l == 4 )) || fail "--headless --run --steps 3 printed $l lines, not 3 and the closing line"
jcheck_end "$E2E_TMP/steps.json" '.closing == {"reason": "steps", "status": 0} and .step == 3' \
    "--steps 3: the closing line"
l=$("$IPCSCOPE" --headless --run --steps 3 --speed 10 | grep -c '^audit: ')
(( l == 1 )) || fail "--headless --run --steps 3: $l audit lines, not 1"
runs_ok 2 -t sysv-msg --mailbox --headless --keys pc
assert_no_leftovers
(( n >= 300 )) || fail "only $n bad inputs tried"
echo "$n bad inputs refused, each in one line with exit 2 and nothing left"
exit 0
