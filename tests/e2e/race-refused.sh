#!/usr/bin/env bash
# --unsafe and --undo where they cannot work: one line on stderr saying
# why, exit status 2, nothing on stdout and nothing made. --unsafe needs a
# mutex to drop (sysv-shm, posix-shm); --undo needs System V semaphores
# (sysv-shm) and a mutex (not with --unsafe). Where they work, a run
# starts. The transports are read from --list-transports.
. "$(dirname "$0")/lib.sh"

traces() {
	awk 'FNR > 1 { print FILENAME, $2 }' /proc/sysvipc/shm /proc/sysvipc/msg \
	    /proc/sysvipc/sem
	printf '%s\n' /dev/shm/ipcscope.* "${IPCSCOPE_MQUEUE_DIR:-/none}"/ipcscope.*
	[[ ! -e $IPCSCOPE_RUNDIR ]] || echo "run directory $IPCSCOPE_RUNDIR"
}
clean_slate=$(traces)

n=0
# refuse WORDS ARGS...: exit 2, one line holding WORDS, nothing else.
refuse() {
	local want=$1 out=$E2E_TMP/out err=$E2E_TMP/err rc what
	shift
	n=$((n + 1))
	what="ipcscope$(printf ' %q' "$@")"
	"$IPCSCOPE" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
	(( rc == 2 )) || fail "$what: exit $rc, not 2: $(cat "$err")"
	[[ ! -s $out ]] || fail "$what: wrote to stdout: $(head -c 300 "$out")"
	(( $(wc -l <"$err") == 1 )) || fail "$what: not one line on stderr: $(cat "$err")"
	grep -qF -- "ipcscope: $want" "$err" ||
	    fail "$what: stderr does not say '$want': $(cat "$err")"
	[[ $(traces) == "$clean_slate" ]] ||
	    fail "$what: left behind: $(diff <(echo "$clean_slate") <(traces))"
}

transports=$("$IPCSCOPE" --list-transports | awk '{ print $1 }')
(( $(wc -w <<<"$transports") >= 8 )) || fail "too few transports: $transports"
for t in $transports; do
	case $t in
	sysv-shm|posix-shm) ;;
	*)	refuse "--unsafe has no effect with --transport $t: it has no mutex to drop" \
		    -t "$t" --unsafe --headless
		refuse "--unsafe has no effect with --transport $t: it has no mutex to drop" \
		    -t "$t" --unsafe ;;
	esac
	[[ $t == sysv-shm ]] && continue
	refuse "--undo has no effect with --transport $t: SEM_UNDO is for System V semaphores only" \
	    -t "$t" --undo --headless --keys p
done
refuse "--undo has no effect with --unsafe: there is no mutex to undo" \
    --undo --unsafe --headless
refuse "--unsafe has no effect with clean" clean --unsafe
refuse "--undo has no effect with --headless replay" --headless replay x --undo

# Where they work, the run starts (one line a key, then the audit).
for args in "--unsafe" "-t posix-shm --unsafe" "--undo"; do
	# shellcheck disable=SC2086
	out=$("$IPCSCOPE" $args --headless --keys pp 2>&1) ||
	    fail "$args: exit $?: $out"
	(( $(grep -c '^[0-9]* p: ' <<<"$out") == 2 )) &&
	    grep -q '^audit: ' <<<"$out" || fail "$args: no run: $out"
done
assert_no_leftovers
echo "ok race-refused ($n refusals)"
