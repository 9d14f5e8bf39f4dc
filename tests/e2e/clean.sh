#!/usr/bin/env bash
# `ipcscope clean`: runs killed with their workers (kill -9 of the whole
# process group, so nobody cleans up) leave their objects; clean removes
# exactly those and their run files, for every transport, and leaves a
# live run and an object ipcmk made alone.
. "$(dirname "$0")/lib.sh"

set -m		# each background run in its own process group

# wait_lines FILE N PID: until FILE has N lines, while PID runs, up to 10 s.
wait_lines() {
	local d=$(( $(now_ms) + 10000 ))
	until [[ -s $1 ]] && (( $(wc -l <"$1") >= $2 )); do
		kill -0 "$3" 2>/dev/null || fail "the run exited before $2 lines: $(cat "$1")"
		(( $(now_ms) > d )) && fail "waited 10 s for output in $1"
		sleep 0.01
	done
}

# The System V objects a run file names, as "m 12", "s 3", "q 5".
sysv_of() {
	awk '$1 != "made" {next} $2 == "shm" {print "m", $4}
	    $2 == "sem" {print "s", $4} $2 == "msg" {print "q", $4}' "$1"
}
# Is there a System V object of kind (m, s, q) and id? (ipcs -i exits 0
# even for an id it does not find, so ask /proc/sysvipc.)
exists() {
	local f=/proc/sysvipc/shm
	[[ $1 == s ]] && f=/proc/sysvipc/sem
	[[ $1 == q ]] && f=/proc/sysvipc/msg
	awk -v id="$2" 'NR > 1 && $2 == id { found = 1 } END { exit !found }' "$f"
}

# A live run, which clean must leave alone, and stopped however we leave.
LIVE="" FOREIGN=""
trap '[[ -n $LIVE ]] && kill -TERM "$LIVE" 2>/dev/null && wait "$LIVE";
    [[ -n $FOREIGN ]] && ipcrm -m "$FOREIGN"; e2e_cleanup' EXIT
"$IPCSCOPE" --headless --json --run --speed 10000 >"$E2E_TMP/live" 2>&1 &
LIVE=$!
wait_lines "$E2E_TMP/live" 1 "$LIVE"
LIVE_RUN=$IPCSCOPE_RUNDIR/run.$LIVE
[[ -f $LIVE_RUN ]] || fail "the live run has no run file $LIVE_RUN"

# An object of somebody else's, in no run file.
FOREIGN=$(ipcmk -M 4096 | awk '/id:/ {print $NF}')
[[ $FOREIGN =~ ^[0-9]+$ ]] || fail "ipcmk did not give an id"

# One dead run per transport, killed with its workers in one blow.
dead=()
mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"
for t in "${names[@]}"; do
	"$IPCSCOPE" --headless --json --run --speed 10000 -t "$t" \
	    >"$E2E_TMP/$t.out" 2>&1 &
	pid=$!
	wait_lines "$E2E_TMP/$t.out" 1 "$pid"
	cp "$IPCSCOPE_RUNDIR/run.$pid" "$E2E_TMP/$t.run" ||
	    fail "$t: no run file for pid $pid"
	kill -9 -- -"$pid"
	wait "$pid" 2>/dev/null
	dead+=("$t:$pid")
done
# Nobody cleaned up: the run files and the objects are all still there:
# sysv-shm's segment and semaphore set, sysv-msg's queue among them.
nsysv=0
for d in "${dead[@]}"; do
	t=${d%%:*} pid=${d##*:}
	[[ -f $IPCSCOPE_RUNDIR/run.$pid ]] || fail "$t: the run file went away"
	while read -r k id; do
		exists "$k" "$id" || fail "$t: $k $id went away before clean"
		nsysv=$((nsysv + 1))
	done < <(sysv_of "$E2E_TMP/$t.run")
done
(( nsysv == 3 )) || fail "the dead runs' files name $nsysv System V objects, not 3"
before=$(leftovers)

"$IPCSCOPE" clean >"$E2E_TMP/clean" 2>&1 || fail "clean exited $?: $(cat "$E2E_TMP/clean")"
want="$(( ${#dead[@]} + 1 )) runs found, ${#dead[@]} cleaned,"
grep -q "^$want [0-9]* objects removed, 1 left alone$" "$E2E_TMP/clean" ||
    fail "clean said: $(tail -n 1 "$E2E_TMP/clean") (wanted '$want ... 1 left alone')"
grep -q "^run $LIVE: still running (its run file is locked), left alone" \
    "$E2E_TMP/clean" ||
    fail "clean did not say it left the live run alone"

for d in "${dead[@]}"; do
	t=${d%%:*} pid=${d##*:}
	[[ ! -e $IPCSCOPE_RUNDIR/run.$pid ]] || fail "$t: run file left"
	grep -q "^run $pid: its viewer is gone" "$E2E_TMP/clean" ||
	    fail "$t: clean did not name run $pid"
	while read -r k id; do
		exists "$k" "$id" && fail "$t: $k $id is still there"
	done < <(sysv_of "$E2E_TMP/$t.run")
done
exists m "$FOREIGN" || fail "clean removed the ipcmk segment $FOREIGN"
[[ -f $LIVE_RUN ]] || fail "clean removed the live run's file"
(( $(sysv_of "$LIVE_RUN" | wc -l) == 2 )) ||
    fail "the live run's file does not name a segment and a set: $(cat "$LIVE_RUN")"
while read -r k id; do
	exists "$k" "$id" || fail "clean removed the live run's $k $id"
done < <(sysv_of "$LIVE_RUN")
# What is left is the live run's and the foreign segment, nothing else.
left=$(leftovers | grep -v "^run\.$LIVE$")
want=$( (sysv_of "$LIVE_RUN"; echo "m $FOREIGN"; awk '$1 == "made" &&
    $2 == "posix-shm" { sub("^/", "", $3); print $3 }' "$LIVE_RUN") | sort)
[[ $(sort <<<"$left") == "$want" ]] ||
    fail "left after clean: $(echo $left); expected: $(echo $want)"
[[ -n $before ]] || fail "nothing was left before clean: the test proves nothing"

# Again: nothing more to do.
"$IPCSCOPE" clean >"$E2E_TMP/clean" 2>&1 || fail "second clean exited $?"
grep -q "^1 run found, 0 cleaned, 0 objects removed, 1 left alone$" \
    "$E2E_TMP/clean" || fail "second clean said: $(tail -n 1 "$E2E_TMP/clean")"

kill -TERM "$LIVE"
wait "$LIVE"
rc=$?
LIVE=""
(( rc == 143 )) || fail "the live run exited $rc on SIGTERM"
ipcrm -m "$FOREIGN" || fail "cannot remove the ipcmk segment $FOREIGN"
FOREIGN=""
assert_no_leftovers
exit 0
