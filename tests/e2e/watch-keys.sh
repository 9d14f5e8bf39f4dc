#!/usr/bin/env bash
# t, / and ? on the watch screen, beside objects of every type (a segment
# of uid 65534, a queue by ftok key, a set, a POSIX segment and a POSIX
# queue). t shows one type, the next each time (shm, msg, sem, posix: both
# POSIX kinds, then all again): the rows are exactly the JSON's objects of
# that type. / filters by owner, key or name as it is typed: the rows are
# the JSON's objects whose owner, key or name holds the text; enter ends
# the typing and keeps the filter, an empty one clears it, esc drops it.
# ? shows watch's keys, every line of the keys table that --help prints
# under "watch keys:"; any key closes it, and watch goes on.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

[[ -n ${IPCSCOPE_MQUEUE_DIR:-} ]] || fail "no mqueue mount from the suite"
[[ $(id -u) == 0 ]] || fail "needs root (the suite's namespaces give it)"
# Short names (the list shows 10 characters); the suite's /dev/shm and
# mqueue mount are the story's own.
SEG=wk-seg Q=wk-q
cleanup_keys() { rm -f "/dev/shm/$SEG"; "$BIN/mqmake" "/$Q" -1 2>/dev/null; classic_cleanup; }
trap cleanup_keys EXIT
mk() { local id; id=$("$@" | sed -nE 's/.*id: ([0-9]+)$/\1/p'); [[ -n $id ]] || fail "$* failed"; echo "$id"; }

NOBODY=$(id -nu 65534 2>/dev/null || echo 65534)
CLASSIC_IDS+=("m $(mk setpriv --reuid=65534 --regid=65534 --clear-groups ipcmk -M 4096 -p 0600)")
CLASSIC_IDS+=("m $(mk ipcmk -M 100 -p 0600)")
touch "$E2E_TMP/kq"
"$BIN/msgsend" "$E2E_TMP/kq" 2 >"$E2E_TMP/q.out" 2>&1 || fail "msgsend: $(cat "$E2E_TMP/q.out")"
QID=$(sed -nE 's/.*msqid ([0-9]+)$/\1/p' "$E2E_TMP/q.out")
CLASSIC_IDS+=("q $QID")
QKEY=$("$BIN/keyof" "$E2E_TMP/kq" Q) || fail "keyof failed"
CLASSIC_IDS+=("s $(mk ipcmk -S 2 -p 0600)")
(umask 077; printf 'posix' >"/dev/shm/$SEG")
"$BIN/mqmake" "/$Q" 1 || fail "mqmake failed"

# The rows on the screen as "type id-or-name", sorted; and the JSON's
# objects that JQ selects, the same way.
SHORT='{"shm": "shm", "msg": "msg", "sem": "sem", "posix-shm": "pshm", "posix-mq": "pmq"}'
rows() {
	cap | LC_ALL=C awk 'NR > 2 {
		t = substr($0, 2, 4); gsub(/ /, "", t)
		if (t !~ /^(shm|msg|sem|pshm|pmq)$/) next
		k = substr($0, 7, 10); i = substr($0, 18, 6)
		gsub(/ /, "", k); gsub(/ /, "", i)
		print t, (i == "-" ? k : i) }' | sort
}
objs() {
	jq -r --argjson s "$SHORT" ".objects[] | select($1) |
	    \"\(\$s[.type]) \(.id // .name)\"" <<<"$(wj)" | sort
}
# shows WHAT JQ: the rows are the objects JQ selects, at least one.
shows() {
	local want got d=$(( $(now_ms) + 5000 ))
	want=$(objs "$2")
	[[ -n $want ]] || fail "$1: the JSON has no such object"
	until got=$(rows); [[ $got == "$want" ]]; do
		(( $(now_ms) > d )) && fail "$1: the screen shows
$got
the JSON's objects are
$want"
		sleep 0.01
	done
	checked=$((checked + 1))
}
checked=0

tui_start 120 40 watch -d 0.2
shows "all types" 'true'
(( $(rows | wc -l) == 6 )) || fail "not 6 rows: $(rows)"

# t: one type, the next each time, then all.
keys t
wait_for 'W A T C H  sort type  type shm ' || fail "t: not type shm"
shows "t: shm" '.type == "shm"'
keys t
wait_for 'W A T C H  sort type  type msg ' || fail "t: not type msg"
shows "t: msg" '.type == "msg"'
keys t
wait_for 'W A T C H  sort type  type sem ' || fail "t: not type sem"
shows "t: sem" '.type == "sem"'
keys t
wait_for 'W A T C H  sort type  type posix ' || fail "t: not type posix"
shows "t: posix" '.type == "posix-shm" or .type == "posix-mq"'
keys t
wait_for 'W A T C H  sort type  enter inside' || fail "t: not all types again"
shows "t: all again" 'true'

# /: the rows follow the text as it is typed; enter keeps it.
keys /
wait_for 'filter: _  \(enter ends, esc clears\)' || fail "/ does not ask for the filter"
keys -l "$NOBODY"
wait_for "filter: ${NOBODY}_" || fail "the filter typed is not shown"
shows "/ owner, typing" ".owner | contains(\"$NOBODY\")"
keys Enter
wait_for "W A T C H  sort type  /$NOBODY " || fail "enter does not keep the filter"
shows "/ owner" ".owner | contains(\"$NOBODY\")"
keys /
wait_for 'filter: _' || fail "/ again does not start a new filter"
keys -l "$QKEY"
keys Enter
wait_for "W A T C H  sort type  /$QKEY " || fail "the key filter is not kept"
shows "/ key" "(.key // \"-\") | contains(\"$QKEY\")"
(( $(rows | wc -l) == 1 )) || fail "/$QKEY: not the queue alone: $(rows)"
keys /
keys -l "wk-"
keys Enter
wait_for "W A T C H  sort type  /wk- " || fail "the name filter is not kept"
shows "/ name" "(.name // \"\") | contains(\"wk-\")"
(( $(rows | wc -l) == 2 )) || fail "/wk-: not both POSIX objects: $(rows)"
# Nothing matches: said.
keys / x y z z y Enter
wait_for 'no object matches the filter' || fail "an empty match is not said"
# Empty clears.
keys / Enter
wait_for 'W A T C H  sort type  enter inside' || fail "an empty filter is not cleared"
shows "/ empty" 'true'
# Esc while typing drops what was typed.
keys / r o
wait_for 'filter: ro_' || fail "the filter typed is not shown"
keys Escape
wait_for 'W A T C H  sort type  enter inside' || fail "esc does not drop the filter"
shows "/ esc" 'true'

# ?: watch's keys, as --help prints them from the keys table.
"$IPCSCOPE" --help | awk '/^watch keys:/ { on = 1; next } on && /^$/ { exit } on' \
    >"$E2E_TMP/keys" || fail "--help failed"
(( $(wc -l <"$E2E_TMP/keys") >= 8 )) || fail "too few watch keys in --help: $(cat "$E2E_TMP/keys")"
keys '?'
wait_for ' Keys ' || fail "? shows no help"
while IFS= read -r line; do
	wait_for "│ +$(sed 's/[][\\.*^$()+?{}|]/\\&/g' <<<"$line") +│" 1000 ||
	    fail "the help lacks the key line: $line"
done <"$E2E_TMP/keys"
wait_for 'Any key closes this help; q quits\.' || fail "the help does not say how it closes"
keys x
wait_gone ' Keys ' || fail "a key does not close the help"
shows "after the help" 'true'
keys q
st=$(wait_exit) || fail "no exit on q"
[[ $st == 0 ]] || fail "q: status $st"
echo "$checked screens of rows agreed with watch --json; $(wc -l <"$E2E_TMP/keys") key lines in the help"
exit 0
