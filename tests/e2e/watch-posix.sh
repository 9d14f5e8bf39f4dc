#!/usr/bin/env bash
# POSIX objects: a segment in /dev/shm (the suite's own tmpfs) is listed
# with its size, a queue on the suite's mqueue mount with mq_getattr's
# counts and the mount found in /proc/self/mountinfo; the screen shows the
# segment's bytes (read, not mapped). Without an mqueue mount, the line
# says so and lists no queue. The story removes both objects.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

[[ -n ${IPCSCOPE_MQUEUE_DIR:-} ]] || fail "no mqueue mount from the suite"
SEG=ipcscope.watch-posix.$$ Q=ipcscope.watch-posix-q.$$
cleanup_posix() { [[ -z ${other:-} ]] || umount "$other" 2>/dev/null; rm -f "/dev/shm/$SEG"; "$BIN/mqmake" "/$Q" -1 2>/dev/null; classic_cleanup; }
trap cleanup_posix EXIT
printf 'hello, posix' >"/dev/shm/$SEG"
chmod 600 "/dev/shm/$SEG"
"$BIN/mqmake" "/$Q" 3 || fail "mqmake failed"

l=$(wj)
wtrue "$l" ".mqueue == \"$IPCSCOPE_MQUEUE_DIR\" and
    (.objects[] | select(.type == \"posix-shm\" and .name == \"/$SEG\") |
    .size == 12 and .perms == \"rw-------\" and .owner == \"root\") and
    (.objects[] | select(.type == \"posix-mq\" and .name == \"/$Q\") |
    .curmsgs == 3 and .maxmsg == 4 and .msgsize == 64 and .qsize == 15)" \
    "the POSIX segment and queue"
l=$(wj --name "/$Q")
wtrue "$l" '.waiting == false and (.objects | length) == 1' "--name /$Q"

# The segment's bytes on the screen.
tui_start 120 30 watch -d 0.1 --name "/$SEG"
wait_for "POSIX segment /$SEG .*bytes 12" || fail "the segment is not shown"
wait_for '000000  68 65 6c 6c 6f 2c 20 70 6f 73 69 78 +\|hello, posix\|' ||
    fail "the segment's bytes are not shown"
keys q
wait_exit >/dev/null || fail "no exit on q"

# Without the mount: said, no queue listed.
l=$(unshare --mount -- sh -c 'umount "$1" && "$2" watch --once --json' sh \
    "$IPCSCOPE_MQUEUE_DIR" "$IPCSCOPE") || fail "watch without the mount failed"
wtrue "$l" '.mqueue == null and (.notes | test("no mqueue filesystem is mounted")) and
    ([.objects[] | select(.type == "posix-mq")] | length) == 0' "without an mqueue mount"
# Another IPC namespace's mount, mounted before ours: its queue is not
# listed, ours are (the mount holds that namespace while it stays).
other=$E2E_TMP/other-mq
mkdir "$other"
umount "$IPCSCOPE_MQUEUE_DIR" || fail "could not unmount our mqueue mount"
unshare --ipc -- sh -c 'mount -t mqueue none "$1" && "$2" /foreign 1' sh \
    "$other" "$BIN/mqmake" || fail "another namespace's mount and queue"
mount -t mqueue none "$IPCSCOPE_MQUEUE_DIR" || fail "could not mount ours again"
[[ -e $other/foreign ]] || fail "no queue on the other namespace's mount"
l=$(wj)
wtrue "$l" ".mqueue == \"$IPCSCOPE_MQUEUE_DIR\" and
    ([.objects[] | select(.type == \"posix-mq\") | .name] == [\"/$Q\"])" \
    "another namespace's mount first"
umount "$other" && other=""
echo "a POSIX segment and a queue of 3 messages; another namespace's mount passed over; without the mount, said"
exit 0
