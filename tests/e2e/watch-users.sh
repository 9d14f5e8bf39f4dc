#!/usr/bin/env bash
# Objects of other users: made under uid 65534 (setpriv) in the test's
# namespace, watch run as root lists them with their owner; watch run as
# uid 65534 lists root's 0600 objects too, marked not readable (readable
# false, qbytes and the values null), never an error, and its screen marks
# them '!' / no-read. Every object is listed, as lsipc lists them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

AS_NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
NOBODY=$(id -nu 65534 2>/dev/null || echo 65534)
[[ $(id -u) == 0 ]] || fail "needs root (the suite's namespaces give it)"

theirs=$("${AS_NOBODY[@]}" ipcmk -M 4096 -p 0600 | sed -nE 's/.*id: ([0-9]+)$/\1/p')
[[ -n $theirs ]] || fail "cannot make a segment as uid 65534"
CLASSIC_IDS+=("m $theirs")
mine_m=$(ipcmk -M 1024 -p 0600 | sed -nE 's/.*id: ([0-9]+)$/\1/p')
mine_q=$(ipcmk -Q -p 0600 | sed -nE 's/.*id: ([0-9]+)$/\1/p')
mine_s=$(ipcmk -S 3 -p 0600 | sed -nE 's/.*id: ([0-9]+)$/\1/p')
CLASSIC_IDS+=("m $mine_m" "q $mine_q" "s $mine_s")

# As root: theirs listed, with its owner.
l=$(wj)
wtrue "$l" "[.objects[] | select(.type == \"shm\" and .id == $theirs)] |
    length == 1 and .[0].owner == \"$NOBODY\" and .[0].uid == 65534 and
    .[0].readable" "as root, the segment of uid 65534"
same_as_lsipc "$l"

# As uid 65534: root's objects listed, marked, nothing refused.
l=$("${AS_NOBODY[@]}" "$IPCSCOPE" watch --once --json 2>"$E2E_TMP/err") ||
    fail "watch as uid 65534 exited $?: $(cat "$E2E_TMP/err")"
[[ ! -s $E2E_TMP/err ]] || fail "watch as uid 65534 complained: $(cat "$E2E_TMP/err")"
wtrue "$l" "(.objects | length) == 4 and
    ([.objects[] | select(.owner == \"root\")] | length) == 3 and
    ([.objects[] | select(.owner == \"root\") | .readable] | all | not) and
    ([.objects[] | select(.owner == \"root\") | .readable] | any | not) and
    (.objects[] | select(.type == \"msg\") | .qbytes == null and .qnum == 0) and
    (.objects[] | select(.type == \"sem\") | .values == null and .nsems == 3) and
    (.objects[] | select(.id == $theirs and .type == \"shm\") | .readable)" \
    "as uid 65534"
same_as_lsipc "$l"

# The screen, as uid 65534: marked '!' and no-read.
IPCSCOPE="${AS_NOBODY[*]} $IPCSCOPE" tui_start 120 30 watch -d 0.1
wait_for "^!shm  0x[0-9a-f]{8} +$mine_m root .*no-read" ||
    fail "root's segment is not marked on uid 65534's screen"
wait_for "^!msg  0x[0-9a-f]{8} +$mine_q root .* 0/\? .*no-read" ||
    fail "root's queue is not marked"
wait_for "^ shm  0x[0-9a-f]{8} +$theirs $NOBODY" ||
    fail "uid 65534's own segment is not listed plainly"
keys Down Enter
wait_for "not readable by you \(Permission denied\)" ||
    fail "looking inside root's object does not say why not"
keys q
st=$(wait_exit) || fail "no exit on q"
[[ $st == 0 ]] || fail "q: status $st"
echo "4 objects, 3 of them root's and marked for uid 65534; $COMPARED agreed with lsipc"
exit 0
