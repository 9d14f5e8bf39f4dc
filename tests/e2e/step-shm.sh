#!/usr/bin/env bash
# ipcscope step on a shared-memory program of the test's own: its four
# calls stop in order, decoded as strace decodes them, each line's object
# shows the nattch the call implies (and dest after IPC_RMID while still
# attached), and the source line is the line of the call.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/step.inc"

OUT=$E2E_TMP/out
step_cc shm shm2
cd "$E2E_TMP" || fail "no $E2E_TMP"
"$IPCSCOPE" step --headless -- ./shm >"$OUT" 2>"$E2E_TMP/err"
rc=$?
(( rc == 0 )) || fail "exit $rc, not 0: $(cat "$E2E_TMP/err")"
sfile "$OUT" "step shm"
[[ $(calls "$OUT") == "shmget shmat shmctl shmdt" ]] ||
    fail "calls: '$(calls "$OUT")', not shmget shmat shmctl shmdt"

# The same words as strace's, for the same program.
strace -f -qq -e trace=ipc -o "$E2E_TMP/strace" ./shm >/dev/null ||
    fail "strace ./shm failed"
diff <(strace_calls "$E2E_TMP/strace") <(step_calls "$OUT") >"$E2E_TMP/diff" ||
    fail "step's calls differ from strace's: $(cat "$E2E_TMP/diff")"
scheck "$OUT" shmget '.args.shmflg == "IPC_CREAT|IPC_EXCL|0600" and
    .args.key == "IPC_PRIVATE"' "shmget's flags by name"
scheck "$OUT" shmat '.rettext | test("^0x[0-9a-f]+$")' "shmat's address in hex"

# nattch: 0 made, 1 attached, 1 and dest after IPC_RMID, then gone.
id=$(sline "$OUT" shmget | jq -r .ret)
scheck "$OUT" shmget ".object.id == $id and .object.nattch == 0 and
    .object.dest == false" "the new segment"
scheck "$OUT" shmat ".object.id == $id and .object.nattch == 1" "attached"
scheck "$OUT" shmctl ".object.id == $id and .object.nattch == 1 and
    .object.dest == true" "removed while attached: dest"
scheck "$OUT" shmdt '.object == null' "detached after IPC_RMID: gone"

# The line of each call, as the test program marks it.
for c in shmget shmat shmctl shmdt; do
	n=$(src_line shm "$c")
	scheck "$OUT" "$c" ".source.line == $n and (.source.file |
	    endswith(\"step-progs/shm.c\")) and .source.func == \"main\" and
	    (.source.text | contains(\"LINE:$c \"))" "$c's source line $n"
done
scheck "$OUT" shmdt '.pid > 0' "a pid"
jq -e -s '.[-2] | .event == "exit" and .status == 0' "$OUT" >/dev/null ||
    fail "no exit line with status 0 before the end"
jq -e -s '.[-1] | .why == "done" and .calls == 4' "$OUT" >/dev/null ||
    fail "the closing line: $(tail -n 1 "$OUT")"
assert_untraced $(jq -r 'select(.pid != null) | .pid' "$OUT" | sort -u)

# Attached twice, detached twice (shmdt's segment found by its address):
# nattch 0 1 2 1 0, then removed.
"$IPCSCOPE" step --headless -- ./shm2 >"$OUT" 2>"$E2E_TMP/err"
rc=$?
(( rc == 0 )) || fail "shm2: exit $rc, not 0: $(cat "$E2E_TMP/err")"
sfile "$OUT" "step shm2"
got=$(jq -r 'select(.call != null) | "\(.call):\(.object.nattch)"' "$OUT" |
    tr '\n' ' ')
[[ $got == "shmget:0 shmat:1 shmat:2 shmdt:1 shmdt:0 shmctl:null " ]] ||
    fail "shm2: calls and nattch: $got"
scheck "$OUT" shmat '.args.shmflg == "0"' "shmat's flags"
[[ $(jq -c 'select(.call == "shmat") | .args.shmflg' "$OUT" | tail -n 1) == '"SHM_RDONLY"' ]] ||
    fail "shm2: the second shmat is not SHM_RDONLY"
assert_no_leftovers
exit 0
