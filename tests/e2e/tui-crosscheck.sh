#!/bin/bash
# While paused, what the screen says about the segment (nattch, cpid, lpid)
# and the semaphores (values and GETNCNT waiters) is what ipcs prints for
# the same ids at that moment.
. "$(dirname "$0")/lib.sh"

tui_start 80 24 -n 4
wait_for 'S T E P' || fail "no first frame"
n=0
for k in p c c p p; do	# P1 attaches, C1 sleeps on full, P1 takes a slot and the mutex
	n=$((n + 1)); press $k $n || fail "key $n ($k)"
done
wait_for 'C1 .*BLOCKED' 1000 || fail "C1 not blocked"
settle
screen=$(cap)
shmid=$(grep -oE 'shmid [0-9]+' <<<"$screen" | awk '{print $2}')
semid=$(grep -oE 'semid [0-9]+' <<<"$screen" | awk '{print $2}')
[[ -n $shmid && -n $semid ]] || fail "no ids on screen"
m=$(ipcs -m -i "$shmid") || fail "ipcs -m -i $shmid"
s=$(ipcs -s -i "$semid") || fail "ipcs -s -i $semid"

kv() { grep -oE "(^|[[:space:]])$1=[0-9]+" <<<"$m" | cut -d= -f2; }
shown() { grep -oE "$1 [0-9]+" <<<"$screen" | head -1 | awk '{print $2}'; }
for f in nattch cpid lpid; do
	[[ -n $(shown $f) ]] || { cap >&2; fail "$f is not on the screen"; }
	[[ $(shown $f) == "$(kv $f)" ]] ||
	    fail "$f: screen $(shown $f), ipcs $(kv $f)"
	echo "$f: screen $(shown $f) = ipcs $(kv $f)"
done
# ipcs -s -i: "semnum value ncount zcount pid", one row per semaphore.
i=0
for name in empty full mutex; do
	row=$(awk -v n=$i '$1 == n && NF == 5 {print $2, $3}' <<<"$s")
	got=$(grep -oE "$name [0-9]+ \([0-9]+ waiting\)" <<<"$screen" |
	    sed -E 's/.* ([0-9]+) \(([0-9]+) waiting\)/\1 \2/')
	[[ -n $row && $got == "$row" ]] ||
	    fail "$name: screen '$got', ipcs '$row'"
	echo "$name value/ncount: screen $got = ipcs $row"
	i=$((i + 1))
done
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
echo "ok tui-crosscheck"
