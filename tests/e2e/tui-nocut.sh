#!/bin/bash
# No value is cut silently. On every transport at 80x24 with 6 workers
# (and at 200x60), every value the kernel panel shows for the objects the
# recorded snapshot holds (the frame on the screen, from --record) is on
# the screen whole as "label value", unless the panel says how many lines
# it could not show; the process list shows each worker whole (phase, wait
# channel, what it holds and carries) or marks the cut with the ellipsis,
# and counts the workers it has no row for; the log counts what it hides.
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || fail "jq is needed to read the recording"

EL='…'

# The lines of panel TITLE (its heading up to the next heading), in
# columns COLS of the screen (the wide layout puts panels side by side).
panel() {
	cut -c"${2:-1-}" <<<"$screen" | awk -v t="$1" '
		/^ (Buffer|Kernel|Processes|Log)[:,]/ { on = index($0, " " t) == 1; if (on) next }
		/^ (S T E P|R U N N I N G)/ { on = 0 }
		on'
}

# "label value" whole on the kernel lines (blanks squeezed): the value
# ends at a blank or the end of the line.
kshows() {
	local l
	l=$(tr -s ' ' <<<"$klines" | sed 's/ *$/ /')
	grep -qF -- "$1 $2 " <<<"$l"
}

# What ipcs -i says of each System V object on the screen (asked in the
# viewer's IPC namespace) is on the kernel lines whole, or they say they
# hide lines: ipcs's names on the left, the screen's on the right.
ipcs_agrees() {
	local kind id out f v n=0 label
	local -A as=([bytes]=size [lpid]=lpid [cpid]=cpid [nattch]=nattch
	    [access_perms]=perms [cbytes]=cbytes [qbytes]=qbytes [qnum]=qnum
	    [lspid]=lspid [lrpid]=lrpid)
	for kind in m:shmid q:msqid s:semid; do
		id=$(grep -oE "${kind#*:} [0-9]+" <<<"$klines" | head -1 | awk '{print $2}')
		[[ -n $id ]] || continue
		out=$(nsenter -t "$(tui_pid)" --ipc ipcs -"${kind%%:*}" -i "$id") ||
		    fail "$1: ipcs -${kind%%:*} -i $id"
		[[ $kind == q:* ]] && out=$(sed 's/mode=/access_perms=/' <<<"$out")
		while read -r f v; do
			label=${as[$f]:-}
			[[ -n $label ]] || continue
			n=$((n + 1))
			kshows "$label" "$v" || [[ -n $more ]] ||
			    fail "$1: ipcs says $f=$v, the screen has no whole \"$label $v\": $klines"
		done < <(tr '\t' '\n' <<<"$out" | grep -oE '^[a-z_]+=[0-9]+' | tr = ' ')
		if [[ $kind == s:* ]]; then
			# semnum value ncount zcount pid: value by the semaphore's name
			while read -r num v; do
				label=$(sed -n "$((num + 1))p" <<<$'empty\nfull\nmutex')
				n=$((n + 1))
				kshows "$label" "$v" || [[ -n $more ]] ||
				    fail "$1: ipcs says semaphore $num ($label) is $v; the screen does not"
			done < <(awk '$1 ~ /^[0-9]+$/ && NF == 5 {print $1, $2}' <<<"$out")
		fi
	done
	(( n == 0 )) || echo "$1: $n values ipcs -i prints are on the screen whole"
}

# check NAME W H ARGS...: start, walk, compare, quit.
check() {
	local name=$1 w=$2 h=$3 n=0 k snap expect pairs label value shown more
	shift 3
	local rec=$E2E_TMP/$name-$w.rec
	tui_start "$w" "$h" --record "$rec" "$@"
	wait_for 'S T E P' || fail "$name: no first frame"
	for k in $(grep -o . <<<"${WALK:-ppppcpc}"); do
		if [[ $k == p ]] && ! cap | grep -qE '^ +P[0-9]+ +producer .* ready'; then
			k=c
		fi
		n=$((n + 1))
		keys "$k"
		wait_for "newest last +step $n *\$" || fail "$name: key $n"
	done
	settle || fail "$name: the screen did not settle"
	screen=$(cap)
	if (( w >= 140 )); then
		klines=$(panel Kernel "$(( w - 75 ))-")
	else
		klines=$(panel Kernel)
	fi
	more=$(grep -oE "$EL \+[0-9]+ more lines?" <<<"$klines" || true)
	ipcs_agrees "$name $w"
	keys q
	[[ $(wait_exit) == 0 ]] || fail "$name: q did not exit 0"
	"${T[@]}" kill-session -t t 2>/dev/null
	snap=$(grep -v '"closing"' "$rec" | grep '"step"' | tail -n 1)
	[[ -n $snap ]] || fail "$name: nothing recorded"
	(( $(jq '.step' <<<"$snap") == n )) || fail "$name: the recording's last step is not $n"

	pairs=$(jq -r '.kernel |
	    (.shm // empty | "shmid\t\(.id)", "key\t\(.key)", "perms\t\(.perms)",
	        "size\t\(.size)", "nattch\t\(.nattch)", "cpid\t\(.cpid)",
	        "lpid\t\(.lpid)", "dest\t\(if .dest then "yes" else "no" end)"),
	    (.sem // empty | if .id != null then "semid\t\(.id)", "key\t\(.key)",
	        "perms\t\(.perms)", "nsems\t\(.nsems)",
	        (.values | to_entries[] as $e | "\($e.key)\t\($e.value)")
	      else (.values | to_entries[] | "\(.key)\t\(.value)") end),
	    (.msq // empty | "msqid\t\(.id)", "key\t\(.key)", "perms\t\(.perms)",
	        "qnum\t\(.qnum)", "cbytes\t\(.cbytes)", "qbytes\t\(.qbytes)",
	        "lspid\t\(.lspid)", "lrpid\t\(.lrpid)"),
	    (.mq // empty | "POSIX mq\t\(.name)", "curmsgs\t\(.curmsgs)",
	        "maxmsg\t\(.maxmsg)", "msgsize\t\(.msgsize)",
	        "mq_send\t\(.waiting.send)", "mq_receive\t\(.waiting.receive)"),
	    (.posix_shm // empty | "POSIX shm\t/dev/shm\(.name)", "size\t\(.size)",
	        "mapped by\t\(.mappers | length)"),
	    (.pipe // empty | "queued (FIONREAD)\t\(.queued)",
	        "of capacity (F_GETPIPE_SZ)\t\(.capacity)",
	        (.path // empty | "FIFO\t\(.)")),
	    (.socket // empty | "SIOCINQ bytes\t\(.inq)",
	        "SIOCOUTQ memory\t\(.outq)", "sndbuf\t\(.sndbuf)",
	        "rcvbuf\t\(.rcvbuf)")' <<<"$snap") || fail "$name: jq"
	[[ -n $pairs ]] || fail "$name: no kernel object in the recording"
	local whole=0 missing=""
	while IFS=$'\t' read -r label value; do
		if kshows "$label" "$value"; then
			whole=$((whole + 1))
		else
			missing+=" [$label $value]"
		fi
	done <<<"$pairs"
	if [[ -n $missing && -z $more ]]; then
		printf '%s\n' "$klines" >&2
		fail "$name ${w}x$h: kernel values neither whole nor counted as hidden:$missing"
	fi

	# The process list: rows shown plus the count it gives are the workers.
	local plines nw rows hidden
	if (( w >= 140 )); then
		plines=$(panel Processes "1-$(( w - 77 ))")
	else
		plines=$(panel Processes)
	fi
	nw=$(jq '.workers | length' <<<"$snap")
	rows=$(grep -cE '^[ >] [PC][0-9]+ +(producer|consumer) ' <<<"$plines")
	hidden=$(grep -oE '\+[0-9]+ more (below|above)' <<<"$screen" | grep -oE '[0-9]+' || echo 0)
	(( rows + hidden == nw )) || { printf '%s\n' "$screen" >&2;
	    fail "$name ${w}x$h: $rows rows + $hidden counted hidden != $nw workers"; }
	# Each row: its phase and wait channel whole or marked; what it
	# holds and carries whole in its status (row and continuation lines)
	# or the status marked cut.
	local label phase wchan carry holds row st
	while IFS=$'\t' read -r label phase wchan carry holds; do
		row=$(awk -v l="$label" '
			$1 == l || $1 == ">" && $2 == l { on = 1; print; next }
			on && /^      / { print; next }
			{ on = 0 }' <<<"$plines")
		[[ -n $row ]] || continue	# counted as hidden above
		[[ $(head -1 <<<"$row" | cut -c23-33 | sed 's/ *$//') == "$phase" ||
		    $(head -1 <<<"$row" | cut -c23-33) == *"$EL"* ]] ||
		    fail "$name: $label phase '$phase' neither whole nor marked: $row"
		[[ $(head -1 <<<"$row" | cut -c38-53 | sed 's/ *$//') == "$wchan" ||
		    $(head -1 <<<"$row" | cut -c38-53) == *"$EL"* ]] ||
		    fail "$name: $label wchan '$wchan' neither whole nor marked: $row"
		st=$( { head -1 <<<"$row" | cut -c55-; tail -n +2 <<<"$row" | sed 's/^ *//'; } | tr '\n' ' ')
		for want in ${carry:+"carries item $carry"} ${holds:+"holds $holds"}; do
			[[ $st == *"$want"* || $st == *"$EL"* ]] ||
			    fail "$name: $label: '$want' neither whole nor marked in '$st'"
		done
	done < <(jq -r '.workers[] | [(if .role == "producer" then "P" else "C" end) + (.id | tostring),
	    (if .phase == "" then "-" else .phase end), (if .alive and .wchan != "" then .wchan else "-" end),
	    (if .carrying then .carrying | tostring else "" end), .holds] | @tsv' <<<"$snap")

	# The log: sentences it cannot show are counted in its title.
	local logged shownlog earlier
	earlier=$(grep -oE 'Log, \+[0-9]+ earlier' <<<"$screen" | grep -oE '[0-9]+' || echo 0)
	shownlog=$(panel Log | grep -cE '^ [0-9]+ (p|c|space|tab|[a-z-]+): ' || true)
	logged=$(jq -s '[.[] | select(has("step") and (has("closing") | not)) | select(.event != "")] | length' "$rec")
	# (+1: the opening sentence, which has no step number)
	(( earlier + shownlog <= logged + 1 && earlier + shownlog >= logged - 1 )) || {
	    printf '%s\n' "$screen" >&2;
	    fail "$name ${w}x$h: the log shows $shownlog, counts $earlier earlier, of $logged"; }
	echo "$name ${w}x$h: $whole kernel values whole${more:+ ($more)}, $rows rows + $hidden counted of $nw workers, log $shownlog shown + $earlier counted"
	count=$((count + 1))
}

mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"
if unshare --ipc true 2>/dev/null; then
	IPCSCOPE="unshare --ipc $IPCSCOPE"
fi
count=0
for t in "${names[@]}"; do
	check "$t" 80 24 -n 4 -p 3 -c 3 -t "$t"
done
# Long statuses: P1 holds the mutex and carries an item, P2 is BLOCKED on
# the mutex; wrapped with room to spare, marked without.
WALK=ppppppppp check sysv-shm-long 80 24 -n 4 -p 3 -c 3
WALK=pppppp check sysv-shm-room 80 24 -n 4 -p 2 -c 1
check sysv-shm 200 60 -n 6 -p 4 -c 4
check posix-shm 200 60 -n 6 -p 8 -c 8 -t posix-shm
(( count == ${#names[@]} + 4 )) || fail "only $count screens checked"
assert_no_leftovers
echo "ok tui-nocut: $count screens"
