#!/usr/bin/env bash
# Every kernel limit a run can hit, lowered for real inside the suite's
# private IPC namespace (the IPC sysctls and fs.mqueue.* belong to it;
# fs.pipe-max-size and the like are the machine's and are left alone):
# the run exits 2 with one line that names the limit, its /proc/sys file
# and its value now, and leaves nothing. Then the way to raise it that the
# line gives is applied, and the run must go through; each value is put
# back after its case, and on any exit.
# e2e: alone (RLIMIT_MSGQUEUE is the user's, across namespaces)
. "$(dirname "$0")/lib.sh"

# Only where the sysctls are the suite's own, never the machine's.
case ${IPCSCOPE_SUITE_NS:-} in
root|user) ;;
*)	echo "skip: not inside the suite's private IPC namespace" \
	    "(IPCSCOPE_SUITE_NS='${IPCSCOPE_SUITE_NS:-}'); no limit is lowered"
	exit 0 ;;
esac
command -v sysctl >/dev/null || fail "sysctl (procps) is needed"

OUT=$E2E_TMP/out
ERR=$E2E_TMP/err
TOUCHED=(kernel/shmmni kernel/shmall kernel/shmmax kernel/sem kernel/msgmni
    kernel/msgmnb kernel/msgmax fs/mqueue/queues_max fs/mqueue/msg_max
    fs/mqueue/msgsize_max)
snapshot() { local n; for n in "${TOUCHED[@]}"; do norm <"/proc/sys/$n"; done; }
declare -A SAVED
refused=0
cut=0

norm() { tr -s ' \t' ' ' | sed 's/ *$//'; }

# put NAME VALUE: write /proc/sys/NAME and read it back.
put() {
	local f=/proc/sys/$1
	printf '%s\n' "$2" >"$f" || fail "could not write '$2' to $f"
	[[ $(norm <"$f") == "$(norm <<<"$2")" ]] ||
	    fail "$f reads '$(cat "$f")' after writing '$2'"
}

# lower NAME VALUE: remember the value now (once), then write VALUE.
lower() {
	[[ -n ${SAVED[$1]+set} ]] || SAVED[$1]=$(cat "/proc/sys/$1") ||
	    fail "cannot read /proc/sys/$1"
	put "$1" "$2"
}

restore() {
	local n
	for n in "${!SAVED[@]}"; do
		put "$n" "${SAVED[$n]}"
		unset "SAVED[$n]"
	done
}
trap 'restore; e2e_cleanup' EXIT

# refused WHAT STDOUT-LINES WANT -- ARGS...: the run (ARGS after --) fails
# as it should: exit 2, no more stdout lines than the steps that went
# well, one line on stderr from ipcscope itself naming WANT.
refused() {
	local what=$1 lines=$2 want=$3 rc
	shift 4
	refused=$((refused + 1))
	"$@" >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	(( rc == 2 )) || fail "$what: exit $rc, not 2: $(cat "$ERR")"
	(( $(wc -l <"$ERR") == 1 )) ||
	    fail "$what: $(wc -l <"$ERR") lines on stderr: $(cat "$ERR")"
	LINE=$(cat "$ERR")
	[[ $LINE == "ipcscope: "* ]] || fail "$what: not ipcscope's line: $LINE"
	[[ $LINE == *"$want"* ]] || fail "$what: '$want' not in: $LINE"
	(( $(wc -l <"$OUT") == lines )) ||
	    fail "$what: $(wc -l <"$OUT") lines on stdout, not $lines"
	assert_no_leftovers
}

# raised WHAT -- ARGS...: apply the sysctl -w the line gave, and the same
# run goes through.
raised() {
	local what=$1 name value
	shift 2
	[[ $LINE =~ sysctl\ -w\ ([a-z._-]+)=(\"[0-9\ ]+\"|[0-9]+) ]] ||
	    fail "$what: no 'sysctl -w NAME=VALUE' in: $LINE"
	name=${BASH_REMATCH[1]}
	value=${BASH_REMATCH[2]//\"/}
	[[ -n ${SAVED[${name//.//}]+set} ]] ||
	    fail "$what: the line raises $name, not the limit lowered: $LINE"
	sysctl -q -w "$name=$value" || fail "$what: sysctl -w $name=$value failed"
	through "$what: after sysctl -w $name=$value" "$@"
}

# through WHAT ARGS...: the run (ARGS, ending "--keys KEYS") goes through:
# exit 0, a line per key, the audit line last, nothing left.
through() {
	local what=$1 keys
	shift
	keys=${*: -1}
	"$@" >"$OUT" 2>"$ERR" </dev/null || fail "$what: still $(cat "$ERR")"
	(( $(wc -l <"$OUT") == ${#keys} + 1 )) &&
	    [[ $(tail -n 1 "$OUT") == "audit: produced "* ]] ||
	    fail "$what: not ${#keys} steps and the audit line: $(cat "$OUT" "$ERR")"
	assert_no_leftovers
}

# limit TRANSPORT SYSCTL VALUE WANT [KEYS [STDOUT-LINES]]
limit() {
	local t=$1 name=$2 value=$3 want=$4 keys=${5:-p} lines=${6:-0}
	lower "$name" "$value"
	refused "$name=$value" "$lines" "$want" -- \
	    "$IPCSCOPE" -t "$t" --headless --keys "$keys"
	raised "$name=$value" -- "$IPCSCOPE" -t "$t" --headless --keys "$keys"
	restore
}

# kernel.sem is SEMMSL SEMMNS SEMOPM SEMMNI.
BEFORE=$(snapshot)
limit sysv-shm kernel/shmmni 0 \
    "shmget: no segment can be made: kernel.shmmni (/proc/sys/kernel/shmmni) is 0 (0 in use)"
limit sysv-shm kernel/shmall 0 \
    "shmget: a segment of 584 bytes would pass the total of shared memory: kernel.shmall (/proc/sys/kernel/shmall) is 0 pages (0 in use)"
limit sysv-shm kernel/shmmax 100 \
    "shmget: a segment of 584 bytes is too large: kernel.shmmax (/proc/sys/kernel/shmmax) is 100 bytes"
limit sysv-shm kernel/sem "32000 1024000000 500 0" \
    "semget: no semaphore set can be made: SEMMNI (field 4 of /proc/sys/kernel/sem) is 0 (0 in use)"
limit sysv-shm kernel/sem "32000 2 500 32000" \
    "semget: 3 more semaphores would pass the total of semaphores: SEMMNS (field 2 of /proc/sys/kernel/sem) is 2 (0 in use)"
limit sysv-shm kernel/sem "2 1024000000 500 32000" \
    "semget: a set of 3 semaphores is too large: SEMMSL (field 1 of /proc/sys/kernel/sem) is 2"
# SEMOPM 0: every semop fails with E2BIG, in the worker, at its 2nd step.
limit sysv-shm kernel/sem "32000 1024000000 0 32000" \
    "ipcscope: P1 failed: semop(empty, -1): too many operations in one call: SEMOPM (field 3 of /proc/sys/kernel/sem) is 0" pp 1
limit sysv-msg kernel/msgmni 0 \
    "msgget: no queue can be made: kernel.msgmni (/proc/sys/kernel/msgmni) is 0 (0 in use)"
limit sysv-msg kernel/msgmnb 10 \
    "msgctl(IPC_SET): a queue of 64 bytes is too large: kernel.msgmnb (/proc/sys/kernel/msgmnb) is 10 bytes"
limit sysv-msg kernel/msgmax 10 \
    "msgsnd: a message of 64 bytes is too large: kernel.msgmax (/proc/sys/kernel/msgmax) is 10 bytes"
limit posix-mq fs/mqueue/queues_max 0 \
    "mq_open: no queue can be made: fs.mqueue.queues_max (/proc/sys/fs/mqueue/queues_max) is 0"

# RLIMIT_MSGQUEUE is the process's own: ulimit -q in a subshell.
refused "ulimit -q 0" 0 "mq_open: the queue's messages" -- \
    bash -c 'ulimit -q 0 || exit 99; exec "$0" -t posix-mq --headless --keys p' \
    "$IPCSCOPE"
[[ $LINE == *"RLIMIT_MSGQUEUE (ulimit -q) is 0 bytes; raise it with ulimit -q "* ]] ||
    fail "ulimit -q 0: $LINE"
[[ $LINE =~ ulimit\ -q\ ([0-9]+) ]] || fail "no ulimit -q N in: $LINE"
through "ulimit -q ${BASH_REMATCH[1]}" bash -c 'ulimit -q "$1" || exit 99; shift
    exec "$0" "$@"' "$IPCSCOPE" "${BASH_REMATCH[1]}" -t posix-mq --headless --keys p

# A fork that fails (injected: threads-max and ulimit -u are the machine's
# or spare root) is a line from the same table.
FAULT=$(dirname "$IPCSCOPE")/fault.so
[[ -f $FAULT ]] || fail "$FAULT is missing: make build/fault.so"
refused "fork EAGAIN" 0 "ipcscope: fork: no process can be made: " -- \
    env LD_PRELOAD="$FAULT" IPCSCOPE_FAULT=fork:EAGAIN:2 \
    ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} \
    "$IPCSCOPE" -t pipe --headless --keys p

# Limits a run is cut to, with a note naming them, rather than refused.
# cut SYSCTL VALUE JQ-TEST ARGS...
cutto() {
	local name=$1 value=$2 test=$3
	shift 3
	cut=$((cut + 1))
	lower "$name" "$value"
	"$IPCSCOPE" --headless --json --keys p "$@" >"$OUT" 2>"$ERR" ||
	    fail "$name=$value: the run failed: $(cat "$ERR")"
	jcheck "$OUT" "$test" "$name=$value: no note naming it"
	restore
	assert_no_leftovers
}
cutto fs/mqueue/msg_max 2 '.buffer.capacity == 2 and
    (.notes | test("/proc/sys/fs/mqueue/msg_max is 2"))' -t posix-mq -n 8
cutto fs/mqueue/msgsize_max 128 '.kernel.mq.msgsize == 128 and
    (.notes | test("/proc/sys/fs/mqueue/msgsize_max \\(128\\)"))' \
    -t posix-mq -s 256
cutto kernel/msgmnb 200 '.buffer.capacity == 3 and
    (.notes | test("/proc/sys/kernel/msgmnb is 200"))' -t sysv-msg -n 8

# Everything is back as it was.
[[ $(snapshot) == "$BEFORE" ]] || fail "not restored: $(diff <(echo "$BEFORE") <(snapshot))"
echo "$refused runs refused naming their limit, $cut cut with a note, all restored"
exit 0
