#!/usr/bin/env bash
# Runs every tests/e2e/*.sh story (but lib.sh and this file), each under a
# timeout, and prints "PASS name (Ns)" or "FAIL name" with the story's
# output. Each story's leak check is its own: what is there after it and
# was not before it (System V objects, /dev/shm/ipcscope.*, POSIX queues,
# worker processes), waited for up to 3 s, fails that story by name. Then
# the same over the whole run. The last line is always "N passed, N
# failed"; the exit status is 1 on any failure.
#
#   tests/e2e/run.sh [NAME...]    (default: every story)
#
# IPCSCOPE is the binary under test (default build/ipcscope);
# E2E_TIMEOUT the seconds a story may take (default 60). Meant to run in
# a private IPC namespace (make check does that); outside one, the leak
# check compares with what was there before.
#
# E2E_JOBS (default 2) stories run at once, each in IPC, mount and PID
# namespaces of its own (its own /dev/shm and mqueue filesystem too), so
# that they cannot meet and each one's leak check, made inside, sees only
# its own objects: most of a story is waiting for a screen, and the two
# passes of make check fit in their time so. A story that says
# "# e2e: alone" on a line of its own runs after the others, with nothing
# beside it: POSIX queues count against RLIMIT_MSGQUEUE, which is the
# user's across namespaces. Without unshare (not root) they run one by one.
#
# E2E_EXPECT=fail turns it around, for a stand-in of ipcscope that does
# nothing (tests/suite.sh makes one): each story must fail against it, by
# its exit status or its timeout, and one that passes cannot catch a
# broken program: "PASS name (fails against the stand-in...)" or "FAIL
# name (passes against the stand-in)". Every story runs ipcscope; one that
# did not would have to be left out here by name, with the reason.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${IPCSCOPE:=$root/build/ipcscope}"
[[ $IPCSCOPE == /* ]] || IPCSCOPE=$PWD/$IPCSCOPE
export IPCSCOPE
: "${E2E_TIMEOUT:=60}"
export LC_ALL=C.UTF-8

passed=0
failed=0

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# What the machine holds now that a story could have left behind.
sysv_objects() {
	ipcs -m | awk '$1 ~ /^0x/ {print "shm", $2}'
	ipcs -q | awk '$1 ~ /^0x/ {print "msg", $2}'
	ipcs -s | awk '$1 ~ /^0x/ {print "sem", $2}'
}
posix_objects() {
	ls /dev/shm 2>/dev/null | grep -E '^(sem\.)?ipcscope\.' | sed 's/^/\/dev\/shm\//'
	if [[ -n ${IPCSCOPE_MQUEUE_DIR:-} ]]; then
		ls "$IPCSCOPE_MQUEUE_DIR" 2>/dev/null | grep '^ipcscope\.' |
		    sed "s|^|$IPCSCOPE_MQUEUE_DIR/|"
	fi
}
# Worker processes, by the title they give themselves; zombies have none.
workers() {
	pgrep -a -f '^[^ ]*: (producer|consumer) [0-9]' 2>/dev/null || true
}

if [[ ! -x $IPCSCOPE ]]; then
	echo "FAIL setup: $IPCSCOPE is not an executable; build it first"
	echo "0 passed, 1 failed"
	exit 1
fi

base_sysv=$(sysv_objects | sort)
base_posix=$(posix_objects | sort)
# Outside a private PID namespace other people's workers are not ours.
in_pidns=0
[[ $$ == 1 || ${IPCSCOPE_TEST_PIDNS:-0} == 1 ]] && in_pidns=1

stories=()
if (( $# > 0 )); then
	for n in "$@"; do stories+=("$here/${n%.sh}.sh"); done
else
	for f in "$here"/*.sh; do
		case ${f##*/} in lib.sh|run.sh) continue ;; esac
		stories+=("$f")
	done
fi
if (( ${#stories[@]} == 0 )); then
	echo "FAIL setup: no story in $here"
	echo "0 passed, 1 failed"
	exit 1
fi
expect=${E2E_EXPECT:-pass}
[[ $expect == fail && ${E2E_IN_NS:-} != 1 ]] &&
    echo "against $IPCSCOPE, a stand-in that does nothing: every story must fail"

# What a story could leave, for its own leak check.
story_objects() {
	sysv_objects
	posix_objects
	(( in_pidns )) && workers
}

# story FILE: run one story, its leak check and its verdict line (with its
# output when it failed); the status is 0 when the verdict is PASS.
story() {
	local f=$1 name before t0 rc secs d left how out
	name=${f##*/}
	name=${name%.sh}
	if [[ ! -f $f ]]; then
		echo "FAIL $name (no such story)"
		return 1
	fi
	out=$(mktemp "${TMPDIR:-/tmp}/ipcscope-e2e-out.XXXXXX")
	before=$(story_objects | sort)
	t0=$(now_ms)
	timeout -k 5 "$E2E_TIMEOUT" bash "$f" >"$out" 2>&1 </dev/null
	rc=$?
	secs=$(( ($(now_ms) - t0 + 500) / 1000 ))
	# Its leak check: what it made and left, given 3 s to go (a worker
	# on its way out).
	d=$(( $(now_ms) + 3000 ))
	while left=$(comm -13 <(echo "$before") <(story_objects | sort) | grep .) &&
	    (( $(now_ms) < d )); do
		sleep 0.05
	done
	if (( rc == 124 || rc == 137 )); then
		how="timed out after ${E2E_TIMEOUT}s"
	else
		how="exit $rc, ${secs}s"
	fi
	rc=1
	if [[ -n $left ]]; then
		echo "FAIL $name ($how), and it left behind:"
		echo "$left" | sed 's/^/      /'
		sed 's/^/    /' "$out"
	elif [[ $expect == fail && ${how%%,*} != "exit 0" ]]; then
		echo "PASS $name (fails against the stand-in: $how)"
		# Why, so that a failure for another reason shows.
		tail -n 1 "$out" | cut -c1-160 | sed 's/^/    /'
		rc=0
	elif [[ $expect == fail ]]; then
		echo "FAIL $name (passes against the stand-in: it cannot catch a broken program)"
		sed 's/^/    /' "$out"
	elif [[ ${how%%,*} == "exit 0" ]]; then
		echo "PASS $name (${secs}s)"
		rc=0
	else
		echo "FAIL $name ($how)"
		sed 's/^/    /' "$out"
	fi
	rm -f "$out"
	return "$rc"
}

# Inside a story's own namespaces (E2E_IN_NS=1 run.sh NAME): a /dev/shm
# and an mqueue filesystem of its own, then the story as above.
if [[ ${E2E_IN_NS:-} == 1 ]]; then
	mount -t tmpfs -o mode=1777,size=64m ipcscope-test /dev/shm || exit 1
	# The mqueue mounts we inherit show other namespaces' queues.
	awk '$0 ~ / - mqueue / {print $5}' /proc/self/mountinfo |
	    while read -r m; do umount "$m"; done
	mq=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-mq.XXXXXX")
	mount -t mqueue ipcscope-test "$mq" || exit 1
	export IPCSCOPE_MQUEUE_DIR=$mq
	story "${stories[0]}"
	rc=$?
	umount "$mq"
	rmdir "$mq"
	exit "$rc"
fi

count() { if (( $1 == 0 )); then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }

jobs=${E2E_JOBS:-2}
NS=(--ipc --mount --pid --fork --mount-proc)
(( jobs > 1 )) && ! unshare "${NS[@]}" true 2>/dev/null && jobs=1
alone=()
if (( jobs > 1 )); then
	# The pool: each story's lines come whole, as it ends.
	pool=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-e2e-pool.XXXXXX")
	trap 'rm -rf "$pool"' EXIT
	declare -A running=()
	reap() {
		local pid
		wait -n -p pid "${!running[@]}"
		count $?
		cat "$pool/${running[$pid]}"
		unset "running[$pid]"
	}
	i=0
	for f in "${stories[@]}"; do
		if [[ -f $f ]] && grep -q '^# e2e: alone' "$f"; then
			alone+=("$f")
			continue
		fi
		(( ${#running[@]} < jobs )) || reap
		i=$((i + 1))
		E2E_IN_NS=1 unshare "${NS[@]}" -- bash "$here/run.sh" "${f##*/}" \
		    >"$pool/$i" 2>&1 &
		running[$!]=$i
	done
	while (( ${#running[@]} > 0 )); do reap; done
else
	alone=("${stories[@]}")
fi
for f in "${alone[@]}"; do
	story "$f"
	count $?
done

# Earlier parts of the suite that failed (suite.sh: the unit runner).
for n in ${E2E_ALSO_FAILED:-}; do
	echo "FAIL $n (see above)"
	failed=$((failed + 1))
done

# The leak check, which fails the run as a story of its own would.
leaks=$(comm -13 <(echo "$base_sysv") <(sysv_objects | sort) | grep . ;
    comm -13 <(echo "$base_posix") <(posix_objects | sort) | grep . ;
    (( in_pidns )) && workers)
if [[ -n $leaks ]]; then
	echo "FAIL leak check: left behind after the stories:"
	echo "$leaks" | sed 's/^/    /'
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
(( failed == 0 ))
