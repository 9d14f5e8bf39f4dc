#!/usr/bin/env bash
# lesson pipe --headless: every caption, in order; each side holds only
# the end it uses; the second write sleeps on the full pipe until the
# child reads; read returns 0 (EOF) once the writer closed; a write with
# no reader fails with EPIPE (the parent ignores SIGPIPE).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lesson.inc"

L=pipe
lesson_run $L
lesson_every_caption $L
lcheck $L 2 '(.processes | map(.pid)) as $p | .objects | length == 1 and
    .[0].type == "pipe" and .[0].writers == [$p[0]] and .[0].readers == [$p[1]]' \
    "the parent holds only the write end, the child only the read end"
lcheck $L 3 '.call == "write" and .ret == null and .blocked == true' "a write on a full pipe sleeps"
lcheck $L 4 '.who == "parent/1" and .ret == 4096 and
    (.woken | map(select(.who == "parent" and .call == "write" and .ret == 4096)) | length == 1)' \
    "the child's read wakes the writer"
lcheck $L 6 '.who == "parent/1" and .call == "read" and .ret == 0 and .errno == null' "EOF: read returns 0"
lcheck $L 10 '.who == "parent" and .call == "write" and .ret == -1 and .errno == "EPIPE"' "no reader: EPIPE"
assert_no_leftovers
