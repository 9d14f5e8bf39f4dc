#!/usr/bin/env bash
# lesson msg-queue --headless: every caption, in order; the queue fills
# (qnum 3) and the fourth msgsnd sleeps until msgrcv by type makes room;
# IPC_RMID wakes the waiting receiver with EIDRM; nothing is left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lesson.inc"

L=msg-queue
lesson_run $L
lesson_every_caption $L
q='.objects | map(select(.type == "msg"))'
lcheck $L 4 "$q | .[0].qbytes == 192 and .[0].qnum == 0" "IPC_SET: room for three"
lcheck $L 7 "$q | .[0].qnum == 3 and .[0].cbytes == 192" "three messages: full"
lcheck $L 8 '.call == "msgsnd" and .ret == null and .blocked == true' "the fourth msgsnd sleeps"
lcheck $L 11 '.call == "msgrcv" and .ret == 64 and (.args.msgtyp | test("^2$")) and
    (.woken | map(select(.who == "sender" and .call == "msgsnd" and .ret == 0)) | length == 1)' \
    "msgrcv of type 2 wakes the sender"
lcheck $L 12 '.call == "msgrcv" and .blocked == true' "msgrcv of type 4 sleeps"
lcheck $L 13 '.call == "msgctl" and .ret == 0 and (.objects == []) and
    (.woken | map(select(.who == "receiver" and .call == "msgrcv" and .ret == -1 and .errno == "EIDRM")) | length == 1)' \
    "IPC_RMID wakes the receiver with EIDRM"
assert_no_leftovers
