#!/usr/bin/env bash
# Every object, the FIFO, the run file and the run directory are exactly
# 0600/0700 whatever the umask (777 made them 000 once, and the workers
# could not open them), and a run works under any umask.
. "$(dirname "$0")/lib.sh"

set -m
RUN=""
trap '[[ -n $RUN ]] && kill -TERM "$RUN" 2>/dev/null; e2e_cleanup' EXIT

# The modes of what a live run made (what was there before the story is
# not its), one "what mode" per line: "m 3 600", "ipcscope.42.buf 600".
modes() {
	local k id mode f
	while read -r k id mode; do
		grep -qxF "$k $id" <<<"$E2E_BASELINE" || echo "$k $id $mode"
	done < <(ipcs -m | awk '$1 ~ /^0x/ {print "m", $2, $4}'
	    ipcs -s | awk '$1 ~ /^0x/ {print "s", $2, $4}'
	    ipcs -q | awk '$1 ~ /^0x/ {print "q", $2, $4}')
	for f in /dev/shm/ipcscope.* ${IPCSCOPE_MQUEUE_DIR:+$IPCSCOPE_MQUEUE_DIR/ipcscope.*} \
	    "$IPCSCOPE_RUNDIR"/*; do
		[[ -e $f ]] || continue
		grep -qxF "${f##*/}" <<<"$E2E_BASELINE" ||
		    echo "${f##*/} $(stat -c %a "$f")"
	done
	echo "rundir $(stat -c %a "$IPCSCOPE_RUNDIR")"
}
# The objects each transport makes, besides the run file: none is missed.
# (A POSIX queue shows only in an mqueue mount.)
declare -A MADE=([sysv-shm]=2 [sysv-msg]=1 [posix-shm]=1 [fifo]=1 [pipe]=0
    [unix-stream]=0 [unix-dgram]=0 [posix-mq]=0)
[[ -n ${IPCSCOPE_MQUEUE_DIR:-} ]] && MADE[posix-mq]=1

n=0
mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"
for mask in 777 000 027; do
	for t in "${names[@]}"; do
		rm -rf "$IPCSCOPE_RUNDIR"
		# Emptied first: the job truncates it only once it runs, and the
		# last run's 24 lines must not count for this one.
		: >"$E2E_TMP/out"
		(umask $mask; exec "$IPCSCOPE" --headless --run --speed 10 -t "$t") \
		    >"$E2E_TMP/out" 2>&1 &
		RUN=$!
		d=$(( $(now_ms) + 5000 ))
		until (( $(wc -l <"$E2E_TMP/out") >= 24 )); do
			kill -0 "$RUN" 2>/dev/null || fail "umask $mask $t: died: $(cat "$E2E_TMP/out")"
			(( $(now_ms) > d )) && fail "umask $mask $t: no steps: $(cat "$E2E_TMP/out")"
			sleep 0.01
		done
		m=$(modes)
		kill -TERM "$RUN"
		wait "$RUN"
		rc=$?
		RUN=""
		(( rc == 143 )) || fail "umask $mask $t: exit $rc"
		grep -q '^run\.[0-9]* 600$' <<<"$m" || fail "umask $mask $t: no run file 0600: $m"
		grep -qx 'rundir 700' <<<"$m" || fail "umask $mask $t: run dir: $m"
		bad=$(grep -vE ' (600|700)$' <<<"$m")
		[[ -z $bad ]] || fail "umask $mask $t: not 0600/0700: $bad"
		[[ -n ${MADE[$t]:-} ]] || fail "$t: the story does not know what it makes"
		(( $(grep -vcE '^(run\.[0-9]+|rundir) ' <<<"$m") == MADE[$t] )) ||
		    fail "umask $mask $t: not ${MADE[$t]} objects besides the run file: $m"
		# The steps really happened: items went through.
		grep -q 'audit: produced [1-9]' "$E2E_TMP/out" ||
		    fail "umask $mask $t: nothing produced: $(tail -n 2 "$E2E_TMP/out")"
		n=$((n + 1))
	done
done
assert_no_leftovers
echo "ok modes: $n runs under umask 777, 000 and 027, every mode exact"
