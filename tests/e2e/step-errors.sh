#!/usr/bin/env bash
# ipcscope step's bad input: no program, an empty program, too many, a
# program that cannot be run, bad --keys, step's options elsewhere, and
# ptrace refused (fault.so fails PTRACE_SEIZE with EPERM): one line on
# stderr, nothing on stdout, exit status 2, no process or object left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/step.inc"

FAULT=$(dirname "$IPCSCOPE")/fault.so
[[ -f $FAULT ]] || fail "$FAULT is missing: make build/fault.so"
export ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
OUT=$E2E_TMP/out
ERR=$E2E_TMP/err
step_cc shm
cd "$E2E_TMP" || fail "no $E2E_TMP"

# refused PATTERN ARGS...: one line matching PATTERN, exit 2.
refused() {
	local pat=$1 rc
	shift
	"$IPCSCOPE" "$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	(( rc == 2 )) || fail "$*: exit $rc, not 2: $(cat "$ERR")"
	[[ ! -s $OUT ]] || fail "$*: stdout: $(head -c 300 "$OUT")"
	(( $(wc -l <"$ERR") == 1 )) ||
	    fail "$*: $(wc -l <"$ERR") lines on stderr: $(cat "$ERR")"
	[[ $(cat "$ERR") == $pat ]] || fail "$*: the line '$(cat "$ERR")'"
}

refused "ipcscope: step needs a program to run: *" step --headless
refused "ipcscope: step needs a program to run: *" step --headless --
refused "ipcscope: step: an empty program between two \"--\"*" \
    step --headless -- ./shm -- -- ./shm
refused "ipcscope: step: more than 4 programs*" step --headless \
    -- ./shm -- ./shm -- ./shm -- ./shm -- ./shm
refused "ipcscope: step: ./missing: No such file or directory" \
    step --headless -- ./missing
refused "ipcscope: step: ./missing/shm: No such file or directory" \
    step --headless -- ./shm -- ./missing/shm
refused "ipcscope: step: /etc/passwd: Permission denied" \
    step --headless -- /etc/passwd
refused "ipcscope: --keys \"3\": \"3\" (byte 1) is not a program*" \
    step --headless --keys 3 -- ./shm -- ./shm
refused "ipcscope: --all has no effect with --headless alone; it works with step" \
    --headless --all
refused "ipcscope: --kill has no effect with watch on the screen; it works with step" \
    watch --kill
refused "ipcscope: --steps has no effect with step --headless; it works with --headless --run" \
    step --headless --steps 3 -- ./shm
# The program's own options are its own: never read as ipcscope's.
refused "ipcscope: step: ./missing: No such file or directory" \
    step --headless -- ./missing --bogus -x
env LD_PRELOAD="$FAULT" IPCSCOPE_FAULT=ptrace:EPERM \
    "$IPCSCOPE" step --headless -- ./shm >"$OUT" 2>"$ERR" </dev/null
rc=$?
(( rc == 2 )) || fail "ptrace refused: exit $rc, not 2: $(cat "$ERR")"
(( $(wc -l <"$ERR") == 1 )) || fail "ptrace refused: $(cat "$ERR")"
grep -q 'ptrace refused (Operation not permitted).*kernel.yama.ptrace_scope.*CAP_SYS_PTRACE' "$ERR" ||
    fail "ptrace refused: the line '$(cat "$ERR")'"
[[ ! -s $OUT ]] || fail "ptrace refused: stdout $(cat "$OUT")"
# Nothing of ./shm runs on, traced or not.
pgrep -x shm >/dev/null && fail "a ./shm is left: $(pgrep -a -x shm)"
assert_no_leftovers
exit 0
