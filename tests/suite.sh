#!/usr/bin/env bash
# One pass of the tests against one build: the unit runner, then every
# e2e story, inside private IPC, mount and PID namespaces when we can get
# them, so that the leak check sees only what the tests made. `make check`
# runs it for the normal build and again for the sanitizer build.
#
#   tests/suite.sh BUILD_DIR [STORY...]   (BUILD_DIR holds ipcscope and unit;
#                                          STORY names limit the e2e part)
#
# SUITE_PARTS picks what runs, of "unit e2e standin" (the default):
#   unit     the Check runner;
#   standin  every story against a stand-in for ipcscope that exits 0 and
#            prints nothing, each of which must fail (a story that passes
#            could not catch a broken program), with E2E_STANDIN_TIMEOUT
#            seconds a story (default 10), a timeout counting as a failure;
#   e2e      every story against BUILD_DIR/ipcscope.
# make check runs the stand-in once, in the first pass only.
#
# Inside: a tmpfs of our own on /dev/shm, and an mqueue filesystem on a
# temp dir (never the host's /dev/mqueue), named by IPCSCOPE_MQUEUE_DIR.
# The last line printed is run.sh's "N passed, N failed".
set -u

build=${1:?usage: tests/suite.sh BUILD_DIR [STORY...]}
shift
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[[ $build == /* ]] || build=$root/$build
NS=(--ipc --mount --pid --fork --mount-proc)

if [[ ${IPCSCOPE_SUITE_NS:-} == "" ]]; then
	if [[ $(id -u) == 0 ]] && unshare "${NS[@]}" true 2>/dev/null; then
		IPCSCOPE_SUITE_NS=root exec unshare "${NS[@]}" -- \
		    bash "${BASH_SOURCE[0]}" "$build" "$@"
	elif unshare --user --map-root-user "${NS[@]}" true 2>/dev/null; then
		echo "suite: not root: private namespaces through a user namespace"
		IPCSCOPE_SUITE_NS=user exec unshare --user --map-root-user \
		    "${NS[@]}" -- bash "${BASH_SOURCE[0]}" "$build" "$@"
	else
		echo "suite: cannot make a private IPC namespace (not root, no" \
		    "user namespaces): running in the machine's own; the leak" \
		    "check compares with what was there before"
		IPCSCOPE_SUITE_NS=none
	fi
fi
export IPCSCOPE_SUITE_NS

mq="" standin=""
if [[ $IPCSCOPE_SUITE_NS != none ]]; then
	export IPCSCOPE_TEST_PIDNS=1
	# Our own /dev/shm: POSIX objects of other people's runs stay out.
	mount -t tmpfs -o mode=1777,size=64m ipcscope-test /dev/shm ||
	    echo "suite: could not mount a private /dev/shm"
	mq=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-mq.XXXXXX")
	if mount -t mqueue ipcscope-test "$mq"; then
		export IPCSCOPE_MQUEUE_DIR=$mq
	else
		echo "suite: could not mount an mqueue filesystem on $mq"
		rmdir "$mq"
		mq=""
	fi
fi
cleanup() {
	if [[ -n $mq ]]; then
		umount "$mq" 2>/dev/null
		rmdir "$mq" 2>/dev/null
	fi
	[[ -n $standin ]] && rm -rf "$standin"
}
trap cleanup EXIT

parts=" ${SUITE_PARTS:-unit e2e standin} "
urc=0
if [[ $parts != *" unit "* ]]; then
	:
elif [[ -x $build/unit ]]; then
	timeout -k 5 300 "$build/unit" 2>&1
	urc=$?
	(( urc == 124 || urc == 137 )) && echo "unit: timed out after 300 s"
else
	echo "suite: $build/unit is missing"
	urc=1
fi
also=""
(( urc == 0 )) || also+=" unit"
src=0
if [[ $parts == *" standin "* ]]; then
	# A program that does nothing, beside the fault injector the stories
	# preload (so that they fail for what the program did not do).
	standin=$(mktemp -d "${TMPDIR:-/tmp}/ipcscope-standin.XXXXXX")
	printf '#!/bin/sh\n# A stand-in for ipcscope: does nothing, says nothing.\nexit 0\n' \
	    >"$standin/ipcscope"
	chmod +x "$standin/ipcscope"
	[[ -f $build/fault.so ]] && ln -s "$build/fault.so" "$standin/fault.so"
	echo "suite: every story against a stand-in that exits 0 and prints nothing"
	IPCSCOPE=$standin/ipcscope E2E_EXPECT=fail \
	    E2E_TIMEOUT=${E2E_STANDIN_TIMEOUT:-10} "$root/tests/e2e/run.sh" "$@"
	src=$?
	(( src == 0 )) || also+=" stand-in"
fi
erc=0
if [[ $parts == *" e2e "* ]]; then
	# Earlier parts that failed count in the closing line too.
	E2E_ALSO_FAILED=$also IPCSCOPE=$build/ipcscope \
	    "$root/tests/e2e/run.sh" "$@"
	erc=$?
fi
(( urc == 0 && src == 0 && erc == 0 ))
