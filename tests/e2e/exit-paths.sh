#!/usr/bin/env bash
# Every way a run can end does its own work:
# 1. headless --run stopped by SIGINT, SIGTERM or SIGHUP, with --json and
#    without, exits 128+signal, prints its closing line (the audit line; the
#    closing snapshot, "closing" naming the signal) and has removed every
#    object and run file itself: its workers are SIGSTOPped first, and a
#    stopped worker cannot run its death-signal cleanup, so whatever is gone
#    before they are continued, the viewer removed;
# 2. a worker killed with SIGKILL is reported and the run goes on;
# 3. a worker killed and reaped, then the viewer killed with SIGKILL: the
#    others still remove everything (the last one out is counted without
#    the reaped one);
# 4. the viewer killed with SIGKILL: its workers notice (PR_SET_PDEATHSIG)
#    and the last one out removes the objects, for every transport.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"
# Job control: background jobs get their own process group and keep
# SIGINT, which a non-interactive shell would otherwise ignore for them.
set -m

OUT=$E2E_TMP/out
ERR=$E2E_TMP/err
VIEWER=0
WORKERS=()
# A failed check must not leave a run behind it, nor a worker stopped.
trap '(( ${#WORKERS[@]} > 0 )) && kill -CONT "${WORKERS[@]}" 2>/dev/null;
    (( VIEWER > 0 )) && kill -TERM $VIEWER 2>/dev/null && wait $VIEWER;
    e2e_cleanup' EXIT

# Poll until FILE has at least N lines, up to 10 s, while the viewer runs.
wait_lines() {
	local d=$(( $(now_ms) + 10000 ))
	until (( $(wc -l <"$1") >= $2 )); do
		alive $VIEWER || fail "the viewer exited before $2 lines: $(cat "$1" "$ERR")"
		(( $(now_ms) > d )) && fail "waited 10 s for $2 lines of $1: $(cat "$ERR")"
		sleep 0.01
	done
}

# Poll until none of PIDS is alive and nothing is left, up to 5 s.
wait_all_gone() {
	local d=$(( $(now_ms) + 5000 )) p busy
	while :; do
		busy=""
		for p in "$@"; do alive "$p" && busy+=" $p"; done
		[[ -z $busy && -z $(leftovers) ]] && return 0
		if (( $(now_ms) > d )); then
			fail "after 5 s: still running:${busy:- none}; left: $(leftovers)"
		fi
		sleep 0.01
	done
}

# start N LINES ARGS...: a headless --run in the background with N workers,
# once it has printed LINES lines; WORKERS are its children, N of them.
start() {
	local n=$1 lines=$2
	shift 2
	: >"$OUT"
	"$IPCSCOPE" --headless --run "$@" >"$OUT" 2>"$ERR" &
	VIEWER=$!
	wait_lines "$OUT" "$lines"
	mapfile -t WORKERS < <(children $VIEWER)
	(( ${#WORKERS[@]} == n )) ||
	    fail "$*: ${#WORKERS[@]} workers (${WORKERS[*]}), not $n"
}

mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"

# 1. SIGINT, SIGTERM, SIGHUP, each with --json and without, on a different
#    transport each time. At one step a second the viewer is idle in poll
#    after the first two: the workers are stopped between steps.
i=0
for sig in INT TERM HUP; do
	for json in --json ""; do
		t=${names[i % ${#names[@]}]}
		i=$((i + 1))
		what="$t ${json:-text} SIG$sig"
		start 4 2 --speed 1000 -t "$t" -p 2 -c 2 $json
		stop_all "${WORKERS[@]}"
		kill -s $sig $VIEWER
		wait $VIEWER
		rc=$?
		VIEWER=0
		want=$(( 128 + $(kill -l $sig) ))
		(( rc == want )) || fail "$what: exit $rc, not $want ($(cat "$ERR"))"
		# Still stopped, the workers did nothing: this is the viewer's work.
		l=$(leftovers)
		[[ -z $l ]] || fail "$what: the viewer exited leaving: $(echo $l)"
		for p in "${WORKERS[@]}"; do
			alive "$p" && fail "$what: worker $p outlived the viewer"
		done
		if [[ -n $json ]]; then
			jcheck_end "$OUT" '.closing == {"reason": "signal",
			    "signal": '"$(kill -l $sig)"', "status": '$want'} and
			    (.event | startswith("audit: produced "))' \
			    "$what: the closing line"
		else
			[[ $(tail -n 1 "$OUT") =~ ^audit:\ produced\ [0-9]+,\ consumed\ [0-9]+,\ in\ the\ buffer\ [0-9]+,\ duplicates\ 0,\ out\ of\ order\ 0$ ]] ||
			    fail "$what: the last line is not the audit line: $(tail -n 3 "$OUT")"
		fi
		kill -CONT "${WORKERS[@]}" 2>/dev/null
		wait_all_gone "${WORKERS[@]}"
		WORKERS=()
	done
done

# 2. SIGKILL one consumer: the viewer reports it and stays up. (Whether
#    the others can go on depends on what C2 held: the mutex, say.)
# killed: once the viewer has reaped the victim, its snapshot line.
killed_line() {
	local d=$(( $(now_ms) + 5000 ))
	until grep -q '"killed_by":9' "$OUT"; do
		(( $(now_ms) > d )) && fail "no snapshot shows C2 killed by signal 9"
		sleep 0.01
	done
	grep '"killed_by":9' "$OUT" | tail -n 1
}
start 3 3 --json --speed 10 -p 1 -c 2
victim=$(head -n 1 "$OUT" | jq -r '.workers[] | select(.role == "consumer" and .id == 2) | .pid')
[[ " ${WORKERS[*]} " == *" $victim "* ]] || fail "C2 is pid '$victim', not one of ${WORKERS[*]}"
kill -9 "$victim"
line=$(killed_line)
grep -q "C2 (pid $victim) died of signal 9" "$OUT" ||
    fail "no event says C2 (pid $victim) died of signal 9"
jtrue "$line" '.workers[] | select(.role == "consumer" and .id == 2) |
    (.alive | not) and .killed_by == 9 and .pid == '"$victim" ||
    fail "C2 is not shown dead: $line"
jtrue "$line" '[.workers[] | select(.alive)] | length == 2' ||
    fail "P1 and C1 are not shown alive"
kill -0 $VIEWER || fail "the viewer died with its worker"
kill -TERM $VIEWER
wait $VIEWER
rc=$?
(( rc == 143 )) || fail "SIGTERM after a kill: exit $rc ($(cat "$ERR"))"
VIEWER=0
wait_all_gone "${WORKERS[@]}"

# 3. The same, then SIGKILL the viewer: P1 and C1 must remove everything,
#    the last one out counted without the reaped C2.
start 3 3 --json --speed 10 -p 1 -c 2
victim=$(head -n 1 "$OUT" | jq -r '.workers[] | select(.role == "consumer" and .id == 2) | .pid')
[[ " ${WORKERS[*]} " == *" $victim "* ]] || fail "C2 is pid '$victim', not one of ${WORKERS[*]}"
kill -9 "$victim"
killed_line >/dev/null
kill -9 $VIEWER
wait $VIEWER
rc=$?
(( rc == 137 )) || fail "the viewer survived SIGKILL (exit $rc)"
VIEWER=0
wait_all_gone "${WORKERS[@]}"

# 4. SIGKILL the viewer: nobody can clean up for it but its workers.
for t in "${names[@]}"; do
	start 4 3 --json --speed 10 -t "$t" -p 2 -c 2
	kill -9 $VIEWER
	wait $VIEWER
	rc=$?
	(( rc == 137 )) || fail "$t: the viewer survived SIGKILL (exit $rc)"
	VIEWER=0
	wait_all_gone "${WORKERS[@]}"
done
WORKERS=()
echo "ok exit-paths: 6 signalled runs cleaned by the viewer itself, a reaped worker, ${#names[@]} viewers killed"
exit 0
