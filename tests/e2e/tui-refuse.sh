#!/bin/bash
# A terminal that cannot draw the screen is refused before any object is
# made and before the terminal is touched: every byte the program writes
# to it is one line, "ipcscope: ..." (so no alternate screen, no clearing,
# no leak report), the exit status is 2, and no object, run file or run
# directory is left. Refused: stdin or stdout not a terminal, TERM unset,
# empty, unknown or full of escapes, a terminal that cannot move the cursor
# (dumb, and xterm with its cup taken out), and one smaller than 80x24 at
# start. (A screen made smaller later says so and waits: tui-resize.)
. "$(dirname "$0")/lib.sh"

n=0
GO=$E2E_TMP/go
BYTES=$E2E_TMP/bytes
mkfifo "$GO"

# Run ipcscope as "exec env ENV... ipcscope" in a WxH pane that waits on
# $GO, so that pipe-pane records the terminal's every byte from the start.
tui_captured() {
	local w=$1 h=$2
	shift 2
	: >"$BYTES"
	"${T[@]}" new-session -d -s t -x "$w" -y "$h" \
	    "read -r _ <'$GO'; exec env $* IPCSCOPE_RUNDIR='$IPCSCOPE_RUNDIR' '$IPCSCOPE'" \
	    \; set-option -t t remain-on-exit on >/dev/null
	"${T[@]}" pipe-pane -t t -o "cat >>'$BYTES'"
	echo >"$GO"
}

# The bytes written to the pane, once the last line is complete and
# nothing more has come for 100 ms.
pane_bytes() {
	local d=$(( $(now_ms) + 5000 )) size
	until [[ -s $BYTES && $(tail -c 1 "$BYTES") == "" ]]; do
		(( $(now_ms) > d )) && break
		sleep 0.01
	done
	size=-1
	while [[ $(stat -c %s "$BYTES") != "$size" ]]; do
		size=$(stat -c %s "$BYTES")
		sleep 0.1
	done
	cat "$BYTES"
}

# refuse_tui W H WORDS ENV...: a WxH pane running ipcscope with ENV (words
# for env(1), or redirections) shows exactly one line holding WORDS, and
# the program exits 2 leaving nothing.
refuse_tui() {
	local w=$1 h=$2 want=$3 st what
	shift 3
	n=$((n + 1))
	what="${w}x$h $*"
	tui_captured "$w" "$h" "$@"
	st=$(wait_exit) || fail "$what: did not exit"
	pane_bytes >"$E2E_TMP/got"
	[[ $st == 2 ]] || fail "$what: exit $st, not 2: $(od -c "$E2E_TMP/got" | head)"
	# One line, as the terminal's onlcr sends it; nothing else, no escapes.
	(( $(wc -l <"$E2E_TMP/got") == 1 )) &&
	    [[ $(tail -c 2 "$E2E_TMP/got" | od -An -c | tr -d ' ') == '\r\n' ]] ||
	    fail "$what: not one line: $(od -c "$E2E_TMP/got" | head -20)"
	head -c -2 "$E2E_TMP/got" | LC_ALL=C grep -qaP '[^\x20-\x7e]' &&
	    fail "$what: raw bytes on the terminal: $(od -c "$E2E_TMP/got" | head -20)"
	grep -q '^ipcscope: ' "$E2E_TMP/got" || fail "$what: said: $(cat "$E2E_TMP/got")"
	grep -qF -- "$want" "$E2E_TMP/got" ||
	    fail "$what: does not say '$want': $(cat "$E2E_TMP/got")"
	"${T[@]}" kill-session -t t
	[[ ! -e $IPCSCOPE_RUNDIR ]] || fail "$what: made the run directory"
	assert_no_leftovers
}

refuse_tui 80 24 'terminal type "dumb" cannot move the cursor' TERM=dumb
refuse_tui 80 24 'unknown terminal type "nonexistent"' TERM=nonexistent
refuse_tui 80 24 'unknown terminal type "\033[31m"' "TERM='"$'\e'"[31m'"
refuse_tui 80 24 'TERM is not set' -u TERM
refuse_tui 80 24 'TERM is not set' TERM=
# xterm-256color without cursor addressing, compiled into our own terminfo.
printf 'nocup|xterm-256color without cursor addressing,\n\tcup@, use=xterm-256color,\n' \
    >"$E2E_TMP/nocup.src"
tic -o "$E2E_TMP/terminfo" "$E2E_TMP/nocup.src" || fail "tic failed"
refuse_tui 80 24 'terminal type "nocup" cannot move the cursor' \
    TERMINFO="$E2E_TMP/terminfo" TERM=nocup
refuse_tui 60 20 'the terminal is 60x20; the screen needs at least 80x24' \
    TERM=xterm-256color
refuse_tui 79 24 'the terminal is 79x24' TERM=xterm-256color
refuse_tui 80 23 'the terminal is 80x23' TERM=xterm-256color
refuse_tui 80 24 'the screen needs a terminal; use --headless' \
    TERM=xterm-256color '</dev/null'
refuse_tui 80 24 'the screen needs a terminal; use --headless' \
    TERM=xterm-256color ">'$E2E_TMP/stdout'"
[[ ! -s $E2E_TMP/stdout ]] || fail "stdout not a terminal: wrote $(od -c "$E2E_TMP/stdout" | head)"

# No terminal at all: the one line goes to stderr, nothing to stdout.
n=$((n + 1))
"$IPCSCOPE" </dev/null >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
[[ $rc == 2 ]] || fail "no tty: exit $rc, want 2"
[[ ! -s $E2E_TMP/out ]] || fail "no tty: wrote to stdout"
(( $(wc -l <"$E2E_TMP/err") == 1 )) || fail "no tty: $(cat "$E2E_TMP/err")"
grep -q '^ipcscope: the screen needs a terminal; use --headless$' "$E2E_TMP/err" ||
    fail "no tty said: $(cat "$E2E_TMP/err")"
assert_no_leftovers

# The same pane, big enough and with a real TERM, does start.
tui_captured 80 24 TERM=xterm-256color LANG=C.UTF-8
wait_for 'S T E P' || fail "80x24 xterm-256color did not start"
keys q
st=$(wait_exit) || fail "q did not quit"
[[ $st == 0 ]] || fail "q: exit $st"
assert_no_leftovers
echo "$n terminals refused, each in one line with exit 2 and nothing left"
exit 0
