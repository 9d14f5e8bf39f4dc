#!/usr/bin/env bash
# s and S on the watch screen: objects that differ in every column (two
# owners, sizes, perms, a dest segment with its key 0, queues of several
# depths, a set with a process asleep on it, ctimes a second apart); s
# walks through every column the list shows, one arrow in the heading
# marks it (and the status line names it), and at each column, up and
# then reversed with S, the rows on the screen are in the order of that
# column's values in watch --once --json taken at the same moment (the
# objects are idle). The JSON keeps its own order, type then id.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

AS_NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
[[ $(id -u) == 0 ]] || fail "needs root (the suite's namespaces give it)"
mk() { local id; id=$("$@" | sed -nE 's/.*id: ([0-9]+)$/\1/p'); [[ -n $id ]] || fail "$* failed"; echo "$id"; }

wj >/dev/null		# a watch that prints no JSON fails here, at once
theirs=$(mk "${AS_NOBODY[@]}" ipcmk -M 4096 -p 0600)
CLASSIC_IDS+=("m $theirs")
m1=$(mk ipcmk -M 100 -p 0640)
CLASSIC_IDS+=("m $m1")
m2=$(mk ipcmk -M 8192 -p 0600)
CLASSIC_IDS+=("m $m2")
# The server attaches (nattch 1, its pid as cpid and lpid), then removes
# the segment while attached: dest, key 0.
touch "$E2E_TMP/kr"
start server "$BIN/shmserver" "$E2E_TMP/kr"
out_has server 'created key'
SHMID=$(sed -nE 's/.*shmid ([0-9]+)$/\1/p' "$E2E_TMP/server.out")
CLASSIC_IDS+=("m $SHMID")
send server a
out_has server 'attached, wrote'
send server r
out_has server removed

# The rest a second later: a ctime of their own.
s0=$(date +%s)
until (( $(date +%s) > s0 )); do sleep 0.01; done
for f in q3 q1; do
	touch "$E2E_TMP/$f"
	"$BIN/msgsend" "$E2E_TMP/$f" "${f#q}" >"$E2E_TMP/$f.out" 2>&1 ||
	    fail "msgsend: $(cat "$E2E_TMP/$f.out")"
	CLASSIC_IDS+=("q $(sed -nE 's/.*msqid ([0-9]+)$/\1/p' "$E2E_TMP/$f.out")")
done
q0=$(mk ipcmk -Q -p 0644)
CLASSIC_IDS+=("q $q0")
s2=$(mk ipcmk -S 2 -p 0600)
CLASSIC_IDS+=("s $s2")
s1=$(mk ipcmk -S 1 -p 0660)
CLASSIC_IDS+=("s $s1")
start sem "$BIN/semwait" "$s1"
out_has sem "waiting on semid $s1"
d=$(( $(now_ms) + 5000 ))
until jtrue "$(wj --id "$s1" --type sem)" '.objects[0].ncnt[0] == 1'; do
	(( $(now_ms) > d )) && fail "the sleeper never counted in GETNCNT"
	sleep 0.01
done
l=$(wj)
wtrue "$l" '(.objects | length) == 9 and
    .objects == (.objects | sort_by({"shm": 0, "msg": 1, "sem": 2}[.type], .id))' \
    "the JSON, in its own order"

# The order a column gives, from the JSON: its value, then the list's
# own order (type, id) for a tie; reversed whole with S.
ORDER='
def tix: {"shm": 0, "msg": 1, "sem": 2}[.type];
def val($c):
	if $c == "type" then []
	elif $c == "key" then [.key]
	elif $c == "id" then [.id]
	elif $c == "owner" then [.owner]
	elif $c == "perms" then [.perms]
	elif $c == "size" then (if .type == "shm" then [.size, []]
	    elif .type == "msg" then [.cbytes, []] else [.nsems, .values] end)
	elif $c == "depth" then (if .type == "shm" then [.nattch]
	    elif .type == "msg" then [.qnum] else [(.ncnt | add) + (.zcnt | add)] end)
	elif $c == "cpid" then [if .type == "shm" then .cpid
	    elif .type == "msg" then .lspid else 0 end]
	elif $c == "lpid" then [if .type == "shm" then .lpid
	    elif .type == "msg" then .lrpid else 0 end]
	elif $c == "state" then [if (.readable | not) then "no-read"
	    elif .type == "shm" and .dest then "dest" else "" end]
	elif $c == "changed" then [.ctime]
	elif $c == "minute" then [if .type == "shm" then .nattch
	    elif .type == "msg" then .qnum else .values[0] end]
	else error("no column \($c)") end;
[.objects[] | select(.type == "shm" or .type == "msg" or .type == "sem")]
| sort_by(val($col) + [tix, .id])
| if $rev then reverse else . end
| .[] | "\(.type) \(.id)"'

# The rows on the screen as "type id", top to bottom.
rows() {
	cap | LC_ALL=C awk 'NR > 2 {
		t = substr($0, 2, 4); i = substr($0, 18, 6)
		gsub(/ /, "", t); gsub(/ /, "", i)
		if (t ~ /^(shm|msg|sem)$/) print t, i }'
}

# sorted NAME LABEL REV: the heading marks LABEL (and nothing else), the
# status line says NAME, and the rows follow NAME's values.
checked=0
sorted() {
	local arrow=▲ word="sort $1 " want got
	[[ $3 == true ]] && arrow=▼ word="sort $1 rev "
	wait_for "^ .*$2$arrow" || fail "the heading does not mark $2$arrow"
	wait_for "W A T C H  $word" || fail "the status line does not say $word"
	[[ $(cap | sed -n 2p | grep -o '[▲▼]' | wc -l) == 1 ]] ||
	    fail "not one arrow in the heading: $(cap | sed -n 2p)"
	want=$(jq -r --arg col "$1" --argjson rev "$3" "$ORDER" <<<"$(wj)") ||
	    fail "jq failed on the order of $1"
	got=$(rows)
	[[ $(wc -l <<<"$want") == 9 && $got == "$want" ]] ||
	    fail "sorted by $1 (reverse $3), the screen shows
$got
and the JSON's values give
$want"
	checked=$((checked + 1))
}

tui_start 200 40 watch -d 0.3
wait_for '^Dshm  0x00000000' || fail "the dest segment is not listed"
# Every column, in the order shown, with its label (cut by a letter when
# it fills the column).
cols=(type:TYP key:KEY/NAME id:ID owner:OWNER perms:PER size:SIZE/USED
    depth:DEPT cpid:CPID/SEND lpid:LPID/RECV state:STATE changed:CHANGED
    "minute:LAST MINUTE")
for c in "${cols[@]}"; do
	(( checked > 0 )) && keys s
	sorted "${c%%:*}" "${c#*:}" false
	keys S
	sorted "${c%%:*}" "${c#*:}" true
	keys S
	sorted "${c%%:*}" "${c#*:}" false
done
# Past the last column, back to the first.
keys s
sorted type TYP false
keys q
st=$(wait_exit) || fail "no exit on q"
[[ $st == 0 ]] || fail "q: status $st"
echo "${#cols[@]} columns, $checked orders on the screen agreed with watch --json"
exit 0
