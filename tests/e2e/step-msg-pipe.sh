#!/usr/bin/env bash
# ipcscope step on a message-queue program and on a pipe program that
# forks (the test's own): the calls in order, decoded as strace decodes
# them (the queue), the message's type and text, qnum after each call,
# the child followed (its fork line, its write), the bytes read, and each
# call's source line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/step.inc"

OUT=$E2E_TMP/out
step_cc msg pipe
cd "$E2E_TMP" || fail "no $E2E_TMP"

"$IPCSCOPE" step --headless -- ./msg >"$OUT" 2>"$E2E_TMP/err"
rc=$?
(( rc == 0 )) || fail "msg: exit $rc, not 0: $(cat "$E2E_TMP/err")"
sfile "$OUT" "step msg"
[[ $(calls "$OUT") == "msgget msgsnd msgrcv msgctl" ]] ||
    fail "msg calls: '$(calls "$OUT")'"
strace -f -qq -e trace=ipc -o "$E2E_TMP/strace" ./msg >/dev/null ||
    fail "strace ./msg failed"
diff <(strace_calls "$E2E_TMP/strace") <(step_calls "$OUT") >"$E2E_TMP/diff" ||
    fail "msg: step's calls differ from strace's: $(cat "$E2E_TMP/diff")"
id=$(sline "$OUT" msgget | jq -r .ret)
scheck "$OUT" msgget ".object.id == $id and .object.qnum == 0" "a new queue"
scheck "$OUT" msgsnd ".args.msgp == \"{mtype=2, mtext=\\\"ping\\\"}\" and
    .object.qnum == 1 and .object.cbytes == 4" "one message on the queue"
scheck "$OUT" msgrcv '.ret == 4 and .args.msgflg == "MSG_NOERROR" and
    .object.qnum == 0' "the message taken"
scheck "$OUT" msgctl '.object == null' "the queue removed"
for c in msgget msgsnd msgrcv msgctl; do
	scheck "$OUT" "$c" ".source.line == $(src_line msg "$c")" "$c's line"
done

# The pipe: the parent's pipe and read, the child's write.
"$IPCSCOPE" step --headless -- ./pipe >"$OUT" 2>"$E2E_TMP/err"
rc=$?
(( rc == 0 )) || fail "pipe: exit $rc, not 0: $(cat "$E2E_TMP/err")"
sfile "$OUT" "step pipe"
parent=$(sline "$OUT" pipe2 | jq -r .pid)
child=$(jq -r 'select(.event == "fork") | .child' "$OUT")
[[ -n $child ]] || fail "no fork line: $(cat "$OUT")"
jq -e -s "[.[] | select(.event == \"fork\")] | length == 1 and
    .[0].pid == $parent" "$OUT" >/dev/null || fail "the fork line's parent"
scheck "$OUT" pipe2 '.args.pipefd == "[3, 4]" and .args.flags == "0"' \
    "pipe2's descriptors"
scheck "$OUT" write ".pid == $child and .args.buf == \"\\\"hi\\\"\" and
    .ret == 2 and (.object.fd | startswith(\"pipe:\"))" "the child's write"
scheck "$OUT" read ".pid == $parent and .args.buf == \"\\\"hi\\\"\" and
    .ret == 2 and (.object.fd | startswith(\"pipe:\"))" "the parent's read"
for c in pipe write read; do
	call=$c
	[[ $c == pipe ]] && call=pipe2
	scheck "$OUT" "$call" ".source.line == $(src_line pipe "$c")" "$c's line"
done
# Both ended, each with its exit line.
jq -e -s "[.[] | select(.event == \"exit\") | .pid] | sort ==
    ([$parent, $child] | sort)" "$OUT" >/dev/null ||
    fail "exit lines: $(jq -c 'select(.event == "exit")' "$OUT")"
assert_untraced "$parent" "$child"
assert_no_leftovers
exit 0
