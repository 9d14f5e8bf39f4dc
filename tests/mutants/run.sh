#!/usr/bin/env bash
# Mutation testing: each tests/mutants/NAME.patch is a small, realistic
# bug. For each, a scratch copy of the tree (never the tree itself) gets
# the patch, is built, and runs the normal pass of the suite
# (tests/suite.sh BUILD, after its unit part alone, which stops it when
# that already fails). A mutant the suite fails is KILLED;
# one it passes SURVIVED: a bug no test catches. A patch that no longer
# applies, or does not build, is STALE: the code moved and the mutant must
# move with it. Any SURVIVED or STALE fails the run.
#
#   tests/mutants/run.sh [NAME...]      (make mutants [M="NAME ..."])
#
# NAME is a patch's name without .patch; DIR/NAME one in a subdirectory,
# which a full run leaves out (a mutant waiting for its test). The header
# of each patch says what it breaks and what kills it.
#
# One mutant at a time: a pass forks real workers and waits on them with
# deadlines, and on a two-core machine two passes at once would compete
# for the same CPU; that trade was not made. Before the mutants, the
# unmutated copy runs the same pass and must pass (MUTANTS_BASELINE=0
# skips that). Logs: build/mutants/NAME.log. The last line is
# "N killed, N survived" (", N stale" added when some are).
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
logs=${MUTANTS_LOGS:-$root/build/mutants}
: "${MUTANTS_TIMEOUT:=900}"
now() { date +%s; }

names=()
if (( $# > 0 )); then
	for n in "$@"; do	# NAME, NAME.patch, or pending/NAME
		n=${n#"$here"/}
		n=${n#tests/mutants/}
		names+=("${n%.patch}")
	done
else
	for f in "$here"/*.patch; do
		[[ -e $f ]] || continue
		n=${f##*/}
		names+=("${n%.patch}")
	done
fi
if (( ${#names[@]} == 0 )); then
	echo "mutants: no patches in $here"
	echo "0 killed, 0 survived"
	exit 1
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-mutants.XXXXXX") || exit 1
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$logs" "$scratch/base"

# The tree as it is now (committed or not), without build/ or ignored files.
(cd "$root" && git ls-files -z -c -o --exclude-standard |
    while IFS= read -r -d '' f; do
	[[ -e $f ]] && printf '%s\0' "$f"
    done | tar --null -T - -cf -) | tar -C "$scratch/base" -xf - || {
	echo "mutants: cannot copy the tree"; exit 1; }

build() {	# DIR LOG
	make -C "$1" --no-print-directory BUILD=build build/ipcscope \
	    build/unit build/fault.so lessons >>"$2" 2>&1
}

# The normal pass; 0 when it passes. DIR LOG. The unit part alone first,
# which takes seconds and kills most mutants; then, if it passed, the
# whole pass as make check runs it (unit and stories in one namespace:
# what the stories see, ids included, depends on what ran before them).
pass() {
	SUITE_PARTS=unit timeout -k 10 "$MUTANTS_TIMEOUT" \
	    "$1/tests/suite.sh" "$1/build" >>"$2" 2>&1 || return 1
	timeout -k 10 "$MUTANTS_TIMEOUT" "$1/tests/suite.sh" "$1/build" \
	    >>"$2" 2>&1
}

# What failed, from a log: Check's failures and the stories' FAIL lines.
culprits() {
	{ grep -oE '^[^ ]*:[0-9]+:[FE]:[^:]*:[^:]*' "$1" |
	    sed -E 's/^.*:[0-9]+:[FE]:[^:]*:/unit:/';
	  grep -oE '^FAIL [^ ]+' "$1" | cut -d' ' -f2; } |
	    awk '!seen[$0]++' | head -n 4 | paste -sd' ' -
}

t0=$(now)
echo "mutants: ${#names[@]} to run; copy in $scratch"
: >"$logs/baseline.log"
if ! build "$scratch/base" "$logs/baseline.log"; then
	echo "mutants: the unmutated tree does not build; see $logs/baseline.log"
	exit 1
fi
if [[ ${MUTANTS_BASELINE:-1} != 0 ]]; then
	if ! pass "$scratch/base" "$logs/baseline.log"; then
		echo "mutants: the unmutated tree fails its own tests" \
		    "($(culprits "$logs/baseline.log")); see $logs/baseline.log"
		exit 1
	fi
	echo "baseline passes ($(( $(now) - t0 ))s)"
fi

killed=0 survived=0 stale=0
for n in "${names[@]}"; do
	patch=$here/$n.patch
	log=$logs/${n//\//-}.log
	m=$scratch/m
	t=$(now)
	rm -rf "$m"
	: >"$log"
	if [[ ! -f $patch ]]; then
		echo "STALE $n (no such patch)"
		stale=$((stale + 1))
		continue
	fi
	# The build too, with its times: only what the patch touches is rebuilt.
	cp -a "$scratch/base" "$m"
	# Outside any repository: git apply works as patch(1), strictly.
	if ! (cd "$m" && GIT_CEILING_DIRECTORIES=$scratch \
	    git apply --whitespace=nowarn "$patch") >>"$log" 2>&1; then
		echo "STALE $n (the patch no longer applies; see $log)"
		stale=$((stale + 1))
		continue
	fi
	if ! build "$m" "$log"; then
		echo "STALE $n (does not build; see $log)"
		stale=$((stale + 1))
		continue
	fi
	if pass "$m" "$log"; then
		echo "SURVIVED $n ($(( $(now) - t ))s)"
		survived=$((survived + 1))
	else
		echo "KILLED $n by $(culprits "$log") ($(( $(now) - t ))s)"
		killed=$((killed + 1))
	fi
done
rm -rf "$scratch/m"
echo "mutants: $(( $(now) - t0 ))s in all"
if (( stale > 0 )); then
	echo "$killed killed, $survived survived, $stale stale"
else
	echo "$killed killed, $survived survived"
fi
(( survived == 0 && stale == 0 ))
