#!/usr/bin/env bash
# Every bad input is refused the same way: exactly one line on stderr that
# names the problem, nothing on stdout, exit status 2, and nothing left
# behind. The numeric flags and their ranges are read from --help, so a new
# one is covered as soon as it is documented there.
. "$(dirname "$0")/lib.sh"

n=0
# refuse WORD-IN-MESSAGE ARGS...: the run must fail as described above.
refuse() {
	local want=$1 out=$E2E_TMP/out err=$E2E_TMP/err rc
	shift
	n=$((n + 1))
	"$IPCSCOPE" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
	(( rc == 2 )) || fail "ipcscope $*: exit $rc, not 2 ($(cat "$err"))"
	[[ ! -s $out ]] || fail "ipcscope $*: wrote to stdout: $(head -c 300 "$out")"
	(( $(wc -l <"$err") == 1 )) ||
	    fail "ipcscope $*: $(wc -l <"$err") lines on stderr: $(cat "$err")"
	grep -qF -- "$want" "$err" ||
	    fail "ipcscope $*: stderr does not say '$want': $(cat "$err")"
	assert_no_leftovers
}

refuse "unknown option '--bogus'" --bogus
refuse "unknown option '-x'" -x
refuse "unknown option" --headless --keys p --no-such-flag
refuse "--slots needs a value" --slots
refuse "-n needs a value" -n
refuse "--keys needs a value" --headless --keys
refuse "--transport needs a value" --transport
refuse "no such transport" --transport nosuch --headless --keys p
refuse "not a key" --headless --keys "ppz"
refuse "not a key" --headless --keys "p c"x
refuse "unknown command 'frobnicate'" frobnicate
refuse "go with --headless" --keys pppc
refuse "go with --headless" --json
refuse "go with --headless" --steps 3
refuse "do not go together" --headless --run --keys p
refuse "unexpected argument 'extra'" --headless --keys p extra
refuse "--mailbox goes with --transport sysv-msg" --headless --keys p --mailbox

# Numeric flags from --help: "-n, --slots N   buffer slots, 1..64".
help=$("$IPCSCOPE" --help) || fail "--help exited $?"
numeric=0
while read -r flag lo hi; do
	numeric=$((numeric + 1))
	refuse "$flag abc" "$flag" abc --headless --keys p
	refuse "$flag -5" "$flag" -5 --headless --keys p
	refuse "$flag 99999999999999999999" "$flag" 99999999999999999999 \
	    --headless --keys p
	if [[ -n $lo ]]; then
		refuse "$flag $((lo - 1)): too small" "$flag" $((lo - 1)) \
		    --headless --keys p
		refuse "$flag $((hi + 1)): too large" "$flag" $((hi + 1)) \
		    --headless --keys p
		refuse "allowed: $lo..$hi" "$flag" $((hi + 1)) --headless --keys p
	else
		refuse "$flag 0: too small" "$flag" 0 --headless --keys p
	fi
done < <(sed -nE 's/^ +(-[a-zA-Z], )?(--[a-z-]+) (N|B|MS) .*[^0-9]([0-9]+)\.\.([0-9]+).*/\2 \4 \5/p;
    t; s/^ +(-[a-zA-Z], )?(--[a-z-]+) (N|B|MS) .*/\2/p' <<<"$help")
(( numeric >= 7 )) || fail "only $numeric numeric flags found in --help"

# A good run after all that still works and leaves nothing.
"$IPCSCOPE" --headless --keys pc >/dev/null || fail "a good run failed"
assert_no_leftovers
echo "$n refusals checked, $numeric numeric flags"
exit 0
