#!/usr/bin/env bash
# The real lines the snapshot reader's tests read back, taken once from a
# build of ipcscope: every transport, each run in private IPC, mount and
# PID namespaces (never the machine's own), with a /dev/shm of its own.
# Writes tests/unit/real_lines.c (the unit vectors) and
# tests/fuzz/corpus/snapshot_read/real-*.json (the fuzzer's seeds, one
# line each). Run it again when what a line holds changes; the tests say
# which vector no longer comes back byte for byte.
#
#   tests/unit/real_lines.sh [BUILD]      (as root; BUILD holds ipcscope,
#                                          default build)
set -eu

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-build}
[[ $build == /* ]] || build=$root/$build
bin=$build/ipcscope
transports=(sysv-shm posix-shm sysv-msg posix-mq pipe fifo unix-stream
    unix-dgram)
# Two slots: P1 fills them (or sleeps, as the transport allows), P2 is
# added, steps, and is SIGKILLed (often carrying an item), C1 steps (and
# may wake P1), q closes the run.
keys=$'ppppppppppppcPpp\t\tkcq'

if [[ ${REAL_LINES_NS:-} != 1 ]]; then
	[[ -x $bin ]] || { echo "real_lines: no $bin (make $bin)"; exit 1; }
	[[ $(id -u) == 0 ]] || { echo "real_lines: needs root (unshare)"; exit 1; }
	runs=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-lines.XXXXXX")
	trap 'rm -rf "$runs"' EXIT
	REAL_LINES_NS=1 REAL_LINES_RUNS=$runs unshare --ipc --mount --pid \
	    --fork --mount-proc -- bash "${BASH_SOURCE[0]}" "$build"
else
	# Inside: the runs only.
	mount -t tmpfs -o mode=1777,size=16m none /dev/shm
	runs=$REAL_LINES_RUNS
	for t in "${transports[@]}"; do
		"$bin" --headless --json -t "$t" -n 2 --keys "$keys" \
		    >"$runs/$t.jsonl"
	done
	"$bin" --headless --json -t sysv-msg --mailbox -c 2 --keys ppppcccc \
	    >"$runs/mailbox.jsonl"
	"$bin" --headless --json -t sysv-shm --keys gppcc >"$runs/grain.jsonl"
	"$bin" --headless --json -t pipe --run --steps 4 --speed 10 \
	    >"$runs/run.jsonl"
	"$bin" --headless -t posix-shm --record "$runs/rec.jsonl" --keys ppcc \
	    >/dev/null
	exit 0
fi

# Line N of a file as it is (1-based; negative counts from the end).
line() {
	if (( $2 < 0 )); then tail -n $(( -$2 )) "$1" | head -n 1
	else sed -n "$2p" "$1"; fi
}
# The number of the last line holding s, or the first (first=1).
find_line() {
	grep -nF -- "$2" "$1" | { if [[ ${3:-} == first ]]; then head -n 1
	    else tail -n 1; fi; } | cut -d: -f1
}

vec=()		# transport TAB what TAB line, for real_lines.c
seeds=()	# name TAB line, for the corpus
vector() { vec+=("$1"$'\t'"$2"$'\t'"$3"); }
seed() { seeds+=("$1"$'\t'"$2"); }
for t in "${transports[@]}"; do
	f=$runs/$t.jsonl
	c=$(find_line "$f" '"key":"c"')
	vector "$t" "-n 2, the keys above: P2 SIGKILLed, then C1's step" \
	    "$(line "$f" "$c")"
	seed "real-$t-first" "$(line "$f" 1)"
	seed "real-$t-blocked" \
	    "$(line "$f" "$(find_line "$f" '"blocked":true' first)")"
	seed "real-$t-killed" "$(line "$f" "$c")"
	seed "real-$t-end" "$(line "$f" -1)"
done
vector sysv-shm "the closing line (q)" "$(line "$runs/sysv-shm.jsonl" -1)"
vector sysv-msg "--mailbox: messages with their mtype" \
    "$(line "$runs/mailbox.jsonl" -2)"
vector sysv-shm "granularity item (g)" "$(line "$runs/grain.jsonl" -2)"
vector pipe "--run --steps 4: run mode, closing on steps" \
    "$(line "$runs/run.jsonl" -1)"
vector posix-shm "a --record line: timed (ms)" "$(line "$runs/rec.jsonl" 4)"
seed real-mailbox "$(line "$runs/mailbox.jsonl" -2)"
seed real-grain-item "$(line "$runs/grain.jsonl" -2)"
seed real-run-mode "$(line "$runs/run.jsonl" -2)"
seed real-recorded "$(line "$runs/rec.jsonl" 4)"

for v in "${vec[@]}"; do
	[[ ${v##*$'\t'} == '{'* ]] ||
	    { echo "real_lines: a run printed no line"; exit 1; }
done

corpus=$root/tests/fuzz/corpus/snapshot_read
mkdir -p "$corpus"
rm -f "$corpus"/real-*.json
for s in "${seeds[@]}"; do
	printf '%s\n' "${s#*$'\t'}" >"$corpus/${s%%$'\t'*}.json"
done

# A C string, cut every 52 bytes: quotes and backslashes escaped, any
# byte outside printable ASCII in octal (never \x: it runs on).
cstring() {
	perl -e '
	    my $s = $ARGV[0];
	    my @c = ($s =~ /(.{1,52})/gs);
	    for my $p (@c) {
		$p =~ s/([\\"])/\\$1/g;
		$p =~ s/([^\x20-\x7e])/sprintf("\\%03o", ord($1))/ge;
		print "\t    \"$p\"\n";
	    }' -- "$1"
}

{
	cat <<'EOF'
/*
 * Real --json lines of ipcscope, taken once by tests/unit/real_lines.sh
 * (each run in private namespaces) and read back by test_snapshot_read.c.
 * Generated: change the script, not this file.
 */
#include <stddef.h>

#include "suites.h"

const struct unit_line unit_real_lines[] = {
EOF
	for v in "${vec[@]}"; do
		IFS=$'\t' read -r t what l <<<"$v"
		printf '\t{ "%s", "%s",\n' "$t" "$what"
		cstring "$l" | sed '$s/$/ },/'
	done
	cat <<'EOF'
};

const size_t unit_nreal_lines =
    sizeof(unit_real_lines) / sizeof(unit_real_lines[0]);
EOF
} >"$root/tests/unit/real_lines.c"
echo "real_lines: ${#vec[@]} lines in tests/unit/real_lines.c," \
    "${#seeds[@]} seeds in tests/fuzz/corpus/snapshot_read"
