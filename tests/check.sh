#!/usr/bin/env bash
# make check's two passes at once: the suite against the normal build,
# its output shown as it comes, and meanwhile the sanitizer build (ASan +
# UBSan) made and put through the suite again, its output kept and shown
# after. The passes cannot meet: each runs in IPC, mount and PID
# namespaces of its own (tests/suite.sh), each story in a directory of
# its own with its own tmux server and run directory (tests/e2e/lib.sh).
# Most of a story's time is spent waiting for a screen or a step, so two
# at once take little longer than one on a 2-core machine.
#
#   tests/check.sh BUILD ASAN_BUILD   (MAKE and ASAN_E2E_TIMEOUT from make)
#
# The last line adds up both passes' "N passed, N failed" lines.
set -u

build=${1:?usage: tests/check.sh BUILD ASAN_BUILD}
asan=${2:?usage: tests/check.sh BUILD ASAN_BUILD}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
log=$(mktemp "${TMPDIR:-/tmp}/ipcscope-check.XXXXXX")
trap 'rm -f "$log" "$log.asan"' EXIT

(
	echo "ipcscope: the same again, built with ASan and UBSan in $asan"
	${MAKE:-make} --no-print-directory asan || exit 1
	ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	E2E_TIMEOUT=${ASAN_E2E_TIMEOUT:-120} SUITE_PARTS="unit e2e" \
	    tests/suite.sh "$asan"
) >"$log.asan" 2>&1 &
asan_pid=$!

tests/suite.sh "$build" | tee "$log"
rc1=${PIPESTATUS[0]}
wait "$asan_pid"
rc2=$?
cat "$log.asan"

# "N passed, N failed" of each pass, added up; a pass that printed none
# (its build failed) counts as one failure.
passed=0 failed=0
for f in "$log" "$log.asan"; do
	line=$(tail -n 1 "$f")
	if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
		(( passed += BASH_REMATCH[1], failed += BASH_REMATCH[2] ))
	else
		(( failed += 1 ))
	fi
done
(( rc1 == 0 && rc2 == 0 )) || (( failed > 0 )) || failed=1
echo "both passes, added up:"
echo "$passed passed, $failed failed"
(( failed == 0 ))
