#!/usr/bin/env bash
# Golden screens: the demo's 80x24 screen (and one large one) after a
# fixed walk on each transport equals tests/e2e/golden/NAME.txt once what
# differs from run to run is masked (pids, ids, keys, times, wait channels,
# which depend on the kernel). The model and the panels can be reshaped;
# the screen a class sees must not move. GENERATE=1 rewrites the files.
. "$(dirname "$0")/lib.sh"

GOLDEN=$(cd "$(dirname "$0")" && pwd)/golden

# Mask run-specific values, keeping every column where it was. (Ids are
# not masked: each walk has an IPC namespace of its own, below.)
normalize_screen() {
	perl -pe '
		sub pad { my ($w, $t) = @_; sprintf("%-*s", length($w), $t) }
		s/\b\d\d:\d\d:\d\d\b/HH:MM:SS/g;
		s/0x[0-9a-f]{8}/0xKKKKKKKK/g;
		s/\b(cpid|lpid|lspid|lrpid|pid) \d+/$1 N/g;
		s/ipcscope\.\d+(-\d+)?\./ipcscope.TAG./g;
		s/ipcscope-e2e\.\w{6}/ipcscope-e2e.XXXXXX/g;
		# The FIFO line: its pid makes it longer (what follows may
		# move to the next line), so only up to the queued value.
		s/^( FIFO .*queued \(FIONREAD\) \d+).*/$1/;
		# The process table: pid, state and wait channel columns.
		s/^(  [PC]\d+ +(?:producer|consumer) )(\d+ +)(\S+ +)([A-Z-] +)(\S+ +)/
		    $1.pad($2,"PID").$3.pad($4,"S").pad($5,"WCHAN")/e;
		s/\(pid \d+\)/(pid N)/g;
		s/(mapped by \d+  pids)((?: \d+)+)/$1.pad($2, " N")/e;
		s/((?:empty|full|mutex) +\d+ +\d+ +\d+ +)(\d+)/$1.pad($2, "N")/e;
		s/ +$//;
	'
}

# walk NAME W H ARGS...: start, step the demo through its first item
# (a producer step, or a consumer one when no producer is ready),
# fill further with KEYS, settle, compare the screen.
walk() {
	local name=$1 w=$2 h=$3 keys=$4 n=0 k got
	shift 4
	tui_start "$w" "$h" "$@"
	# Keep the server between walks: a new session racing an exiting
	# server finds no server.
	"${T[@]}" set-option -s exit-empty off
	wait_for 'S T E P' || fail "$name: no first frame"
	for k in $(grep -o . <<<"$keys"); do
		# (a FIFO's writer sleeps in open until a reader comes)
		if [[ $k == p ]] && ! cap | grep -qE '^ +P[0-9]+ +producer .* ready'; then
			k=c
		fi
		n=$((n + 1))
		keys "$k"
		wait_for "newest last +step $n( |\$)" || fail "$name: key $n ($k)"
	done
	settle || fail "$name: the screen did not settle"
	got=$(cap | normalize_screen)
	if [[ ${GENERATE:-0} == 1 ]]; then
		printf '%s\n' "$got" >"$GOLDEN/$name.txt"
	else
		[[ -f $GOLDEN/$name.txt ]] || fail "no golden screen $name.txt (GENERATE=1 makes it)"
		diff -u "$GOLDEN/$name.txt" <(printf '%s\n' "$got") >"$E2E_TMP/diff" ||
		    fail "$name: the screen moved:
$(cat "$E2E_TMP/diff")"
	fi
	keys q
	[[ $(wait_exit) == 0 ]] || fail "$name: q did not exit 0"
	"${T[@]}" kill-session -t t 2>/dev/null
	count=$((count + 1))
}

mapfile -t names < <("$IPCSCOPE" --list-transports | awk '{print $1}')
# Each walk in an IPC namespace of its own: the ids start at 0 every time,
# so they need no mask (a mask changes where a line is cut).
if unshare --ipc true 2>/dev/null; then
	IPCSCOPE="unshare --ipc $IPCSCOPE"
else
	echo "tui-golden: no private IPC namespace: ids vary, screens may too"
fi
count=0
(( ${#names[@]} >= 8 )) || fail "expected 8 transports, got: ${names[*]}"
for t in "${names[@]}"; do
	walk "$t" 80 24 ppppppccc -n 4 -t "$t"
done
walk sysv-shm-full 80 24 pppppppppppp -n 2
walk sysv-shm-large 160 45 ppppppppppppcccc -n 6 -p 2 -c 3
walk sysv-msg-mailbox 80 24 ppppppp -n 3 -c 2 -t sysv-msg --mailbox
(( count == ${#names[@]} + 3 )) || fail "only $count screens compared"
assert_no_leftovers
echo "ok tui-golden: $count screens${GENERATE:+ (generated)}"
