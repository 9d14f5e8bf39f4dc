#!/usr/bin/env bash
# Every way a run can end leaves nothing behind: headless --run stopped by
# SIGINT, SIGTERM or SIGHUP exits 128+signal; a worker killed with SIGKILL
# is reported and the run goes on; and when the viewer itself is killed
# with SIGKILL, its workers notice (PR_SET_PDEATHSIG) and the last one out
# removes the objects, for every transport.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || fail "jq is needed to read the JSON snapshots"
# Job control: background jobs get their own process group and keep
# SIGINT, which a non-interactive shell would otherwise ignore for them.
set -m

OUT=$E2E_TMP/out.json
ERR=$E2E_TMP/err
VIEWER=0
# A failed check must not leave a run behind it.
trap '(( VIEWER > 0 )) && kill -TERM $VIEWER 2>/dev/null && wait $VIEWER;
    e2e_cleanup' EXIT

# Poll until FILE has at least N lines, up to 10 s.
wait_lines() {
	local d=$(( $(now_ms) + 10000 ))
	until (( $(wc -l <"$1") >= $2 )); do
		(( $(now_ms) > d )) && fail "waited 10 s for $2 lines of $1: $(cat "$ERR")"
		sleep 0.01
	done
}

# A process that still runs (a zombie has finished its work).
alive() {
	local s
	s=$(awk '{ sub(/.*\) /, ""); print substr($0, 1, 1) }' \
	    "/proc/$1/stat" 2>/dev/null) || return 1
	[[ -n $s && $s != Z ]]
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

# start ARGS...: a headless run in the background, once it has begun.
start() {
	: >"$OUT"
	"$IPCSCOPE" --headless --json --run --speed 10 "$@" >"$OUT" 2>"$ERR" &
	VIEWER=$!
	wait_lines "$OUT" 3
	mapfile -t WORKERS < <(head -n 1 "$OUT" | jq -r '.workers[].pid')
	(( ${#WORKERS[@]} > 0 )) || fail "no workers in the first snapshot"
}

mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')

# 1. SIGINT, SIGTERM, SIGHUP: a clean stop with 128+signal, on a few
#    transports in turn.
i=0
for sig in INT TERM HUP; do
	t=${names[i % ${#names[@]}]}
	i=$((i + 1))
	start -t "$t" -p 2 -c 2
	kill -s $sig $VIEWER
	wait $VIEWER
	rc=$?
	want=$(( 128 + $(kill -l $sig) ))
	(( rc == want )) || fail "$t: SIG$sig: exit $rc, not $want ($(cat "$ERR"))"
	VIEWER=0
	wait_all_gone "${WORKERS[@]}"
done

# 2. SIGKILL one consumer: the viewer reports it and stays up. (Whether
#    the others can go on depends on what C2 held: the mutex, say.)
start -p 1 -c 2
victim=$(head -n 1 "$OUT" | jq -r '.workers[] | select(.role == "consumer" and .id == 2) | .pid')
kill -9 "$victim"
d=$(( $(now_ms) + 5000 ))
until grep -q '"killed_by":9' "$OUT"; do
	(( $(now_ms) > d )) && fail "no snapshot shows C2 killed by signal 9"
	sleep 0.01
done
grep -q "C2 (pid $victim) died of signal 9" "$OUT" ||
    fail "no event says C2 (pid $victim) died of signal 9"
line=$(grep '"killed_by":9' "$OUT" | tail -n 1)
jq -e '.workers[] | select(.role == "consumer" and .id == 2) |
    (.alive | not) and .killed_by == 9 and .pid == '"$victim" \
    >/dev/null <<<"$line" || fail "C2 is not shown dead: $line"
jq -e '[.workers[] | select(.alive)] | length == 2' >/dev/null <<<"$line" ||
    fail "P1 and C1 are not shown alive"
kill -0 $VIEWER || fail "the viewer died with its worker"
kill -TERM $VIEWER
wait $VIEWER
rc=$?
(( rc == 143 )) || fail "SIGTERM after a kill: exit $rc ($(cat "$ERR"))"
VIEWER=0
wait_all_gone "${WORKERS[@]}"

# 3. SIGKILL the viewer: nobody can clean up for it but its workers.
for t in "${names[@]}"; do
	start -t "$t" -p 2 -c 2
	kill -9 $VIEWER
	wait $VIEWER
	rc=$?
	(( rc == 137 )) || fail "$t: the viewer survived SIGKILL (exit $rc)"
	VIEWER=0
	wait_all_gone "${WORKERS[@]}"
done
exit 0
