#!/usr/bin/env bash
# The watch screen, opened on a key before the segment exists (the
# teacher's start), beside the classic server and client (compiled here):
# it waits, then shows the segment created, attached, written, read,
# detached and removed. Reading the bytes attaches the viewer read-only,
# which the screen says and counts apart: at each step the nattch shown
# is what ipcs -m -i says at that moment, and "without this viewer" goes
# 0 1 2 1 0. The bytes show as hex and text, the attachers with their
# commands and addresses. After IPC_RMID with the client attached the
# segment is dest; once the client detaches the viewer lets go, so it is
# gone. q quits with status 0 and the terminal restored; a terminal too
# small is refused in one line, status 2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

touch "$E2E_TMP/keyfile"
KEY=$("$BIN/keyof" "$E2E_TMP/keyfile" R) || fail "keyof failed"

tui_start 120 40 watch -d 0.1 --key "$KEY"
wait_for "waiting for key $KEY to appear" || fail "no waiting line"
VIEWER=$(tui_pid)

start server "$BIN/shmserver" "$E2E_TMP/keyfile"
out_has server 'created key'
ID=$(sed -nE 's/.*shmid ([0-9]+)$/\1/p' "$E2E_TMP/server.out")
CLASSIC_IDS+=("m $ID")
SPID=${CLASSIC_PIDS[-1]}
wait_for "shmid $ID  key $KEY" || fail "the segment never showed"
wait_for "this viewer attached it read-only \(SHM_RDONLY\)" ||
    fail "the screen does not say the viewer attached"

seq=""
# shows N: nattch N+1 with the viewer, N without, what ipcs -m -i says.
shows() {
	wait_for "nattch $(( $1 + 1 )) \($1 without this viewer\)" ||
	    fail "$2: not nattch $(( $1 + 1 )) ($1 without this viewer)"
	i=$(ipcs_field m "$ID" nattch)
	[[ $i == $(( $1 + 1 )) ]] || fail "$2: ipcs -m -i says nattch=$i, the screen $(( $1 + 1 ))"
	wait_for "pid $VIEWER +ipcscope +at 0x[0-9a-f]+  \(this viewer, read-only\)" ||
	    fail "$2: the viewer is not among the attachers"
	seq+=$1
}
shows 0 "created"
send server a
out_has server 'attached, wrote'
shows 1 "the server attached"
wait_for "pid $SPID +shmserver +at 0x" || fail "the server is not among the attachers"
wait_for '000000  61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70' ||
    fail "the bytes are not shown in hex"
wait_for '\|abcdefghijklmnop\|' || fail "the bytes are not shown as text"
wait_for '000010  71 72 73 74 75 76 77 78 79 7a 00 +\|qrstuvwxyz\.\|' ||
    fail "the second line of bytes is not shown"
start client "$BIN/shmclient" "$E2E_TMP/keyfile"
CPID=${CLASSIC_PIDS[-1]}
send client a
out_has client 'attached, read abcdefghijklmnopqrstuvwxyz'
shows 2 "the client attached"
wait_for "pid $CPID +shmclient +at 0x" || fail "the client is not among the attachers"
send client d
out_has client detached
shows 1 "the client detached"
wait_gone "pid $CPID +shmclient +at 0x" || fail "the client is still listed as attached"
send server d
out_has server detached
shows 0 "the server detached"
[[ $seq == 01210 ]] || fail "without the viewer: $seq, not 01210"

# IPC_RMID with the client attached: dest; then the client detaches and
# the viewer lets go, so the segment goes.
send client a
d=$(( $(now_ms) + 5000 ))
until [[ $(grep -c '^attached' "$E2E_TMP/client.out") == 2 ]]; do
	(( $(now_ms) > d )) && fail "the client did not attach again"
	sleep 0.01
done
send server r
out_has server removed
wait_for "dest: removed \(IPC_RMID\) once the last detaches" || fail "dest is not shown"
[[ $(ipcs_field m "$ID" mode) == 01600 ]] || fail "ipcs does not show it dest"
send client d
wait_for "removed: the kernel no longer has it|waiting for key $KEY" ||
    fail "the segment is not shown removed"
ipcs -m -i "$ID" 2>&1 | grep -q "id $ID not found" ||
    fail "the segment outlived its last detach: $(ipcs -m -i "$ID" 2>&1)"
wait_for "waiting for key $KEY to appear" 8000 || fail "not waiting again"

# The list: esc goes back to it.
keys Escape
wait_for ' TYP. KEY/NAME +ID OWNER' || fail "esc does not show the list"
keys q
st=$(wait_exit) || fail "watch did not quit on q"
[[ $st == 0 ]] || fail "q: exit status $st"
assert_screen_restored
cap | grep -q 'W A T C H\|I N S I D E' && fail "the watch screen is still there after q"
tui_stop

# Too small: one line, status 2, before anything is drawn: the bytes the
# pane got, caught by pipe-pane (a gate holds the program until then).
GO=$E2E_TMP/go BYTES=$E2E_TMP/bytes
mkfifo "$GO"
: >"$BYTES"
"${T[@]}" new-session -d -s t -x 70 -y 20 \
    "read -r _ <'$GO'; exec env TERM=xterm-256color LANG=C.UTF-8 '$IPCSCOPE' watch" \
    \; set-option -t t remain-on-exit on >/dev/null
"${T[@]}" pipe-pane -t t -o "cat >>'$BYTES'"
echo >"$GO"
st=$(wait_exit) || fail "watch did not exit on a 70x20 terminal"
[[ $st == 2 ]] || fail "70x20: exit status $st, not 2"
d=$(( $(now_ms) + 5000 ))
until [[ -s $BYTES && $(tail -c 1 "$BYTES") == "" ]] || (( $(now_ms) > d )); do
	sleep 0.01
done
[[ $(cat "$BYTES") == "ipcscope: the terminal is 70x20; the screen needs at least 80x24: make it bigger, or use watch --json or --once"$'\r' ]] ||
    fail "70x20: not refused in one line: $(od -c "$BYTES" | head -20)"
echo "without the viewer: $seq"
exit 0
