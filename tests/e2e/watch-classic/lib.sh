# Shared by tests/e2e/watch-*.sh (sourced after ../lib.sh): the classic
# programs, compiled here; running them with a command pipe each; and the
# checks of watch --json against ipcs -i and lsipc --json.

CLASSIC_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=$E2E_TMP/bin
mkdir -p "$BIN"
for p in shmserver shmclient msgsend msgrecv semwait keyof mqmake shmpoke; do
	cc -std=c11 -D_GNU_SOURCE -Wall -Werror -O0 -o "$BIN/$p" \
	    "$CLASSIC_SRC/$p.c" -lrt || fail "cannot compile $p.c"
done

# What the story made, removed on every way out (its own ids only).
CLASSIC_PIDS=() CLASSIC_IDS=()
classic_cleanup() {
	local p i
	for p in "${CLASSIC_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${CLASSIC_PIDS[@]}"; do wait "$p" 2>/dev/null; done
	for i in "${CLASSIC_IDS[@]}"; do ipcrm "-${i%% *}" "${i#* }" 2>/dev/null; done
	e2e_cleanup
}
trap classic_cleanup EXIT

# start NAME PROG ARGS...: PROG reading commands from a pipe of its own
# (written with send NAME CMD), its output in $E2E_TMP/NAME.out.
start() {
	local name=$1
	shift
	mkfifo "$E2E_TMP/$name.in"
	"$@" <"$E2E_TMP/$name.in" >"$E2E_TMP/$name.out" 2>&1 &
	CLASSIC_PIDS+=($!)
	eval "exec {fd_$name}>\"\$E2E_TMP/$name.in\""
}
send() { local fd="fd_$1"; echo "$2" >&"${!fd}"; }
# out_has NAME REGEX: wait until the program has printed a line like it.
out_has() {
	local d=$(( $(now_ms) + 5000 ))
	until grep -qE -- "$2" "$E2E_TMP/$1.out" 2>/dev/null; do
		(( $(now_ms) > d )) && fail "$1 never printed /$2/: $(cat "$E2E_TMP/$1.out")"
		sleep 0.01
	done
}

# wj ARGS...: one frame of watch --json, checked to be one JSON object.
wj() {
	local l
	l=$("$IPCSCOPE" watch --once --json "$@") || fail "watch --once --json $* exited $?"
	[[ -n $l && $(wc -l <<<"$l") == 1 ]] && jq -e 'type == "object"' >/dev/null 2>&1 <<<"$l" ||
	    fail "watch --once --json $*: not one JSON line: $(head -c 300 <<<"$l")"
	printf '%s\n' "$l"
}
# wtrue LINE JQ WHAT
wtrue() { jtrue "$1" "$2" || fail "$3: $(jq -c "$2" <<<"$1" 2>&1 | head -c 300) from $(cut -c1-900 <<<"$1")"; }

# same_as_lsipc LINE: every System V object both show has the same values
# in watch --json as in lsipc --json (read just after: the programs are
# idle between commands), and each shows the same objects.
same_as_lsipc() {
	local m q s why
	m=$(lsipc -m -b --json -o KEY,ID,OWNER,PERMS,SIZE,NATTCH,STATUS,CPID,LPID)
	q=$(lsipc -q -b --json -o KEY,ID,OWNER,PERMS,USEDBYTES,MSGS,LSPID,LRPID)
	s=$(lsipc -s -b --json -o KEY,ID,OWNER,PERMS,NSEMS)
	why=$(jq -n -r --argjson o "$1" --argjson m "${m:-{\}}" --argjson q "${q:-{\}}" \
	    --argjson s "${s:-{\}}" '
	def list(x): [x[]] | add // [];
	def ours(t; id): [$o.objects[] | select(.type == t and .id == id)];
	def n: tonumber;
	[ (list($m)[] as $e | ours("shm"; $e.id | n) as $w |
	    if ($w | length) != 1 then "shm \($e.id): not in watch"
	    else $w[0] | select(.key != $e.key or .owner != $e.owner or
		.perms != $e.perms or .size != ($e.size | n) or
		.nattch != ($e.nattch | n) or .cpid != ($e.cpid | n) or
		.lpid != ($e.lpid | n) or
		.dest != (($e.status // "") | test("dest"))) |
		"shm \($e.id): watch \(tojson) lsipc \($e | tojson)" end),
	  (list($q)[] as $e | ours("msg"; $e.id | n) as $w |
	    if ($w | length) != 1 then "msg \($e.id): not in watch"
	    else $w[0] | select(.key != $e.key or .owner != $e.owner or
		.perms != $e.perms or .cbytes != ($e.usedbytes | n) or
		.qnum != ($e.msgs | n) or .lspid != ($e.lspid | n) or
		.lrpid != ($e.lrpid | n)) |
		"msg \($e.id): watch \(tojson) lsipc \($e | tojson)" end),
	  (list($s)[] as $e | ours("sem"; $e.id | n) as $w |
	    if ($w | length) != 1 then "sem \($e.id): not in watch"
	    else $w[0] | select(.key != $e.key or .owner != $e.owner or
		.perms != $e.perms or .nsems != ($e.nsems | n)) |
		"sem \($e.id): watch \(tojson) lsipc \($e | tojson)" end),
	  (if ([$o.objects[] | select(.type == "shm" or .type == "msg" or
	      .type == "sem")] | length) != (list($m) + list($q) + list($s) | length)
	   then "watch lists \([$o.objects[] | .type + " " + (.id | tostring)])," +
	       " lsipc \(list($m) + list($q) + list($s) | length) objects" else empty end)
	] | .[]' 2>&1) || fail "same_as_lsipc: jq failed: $why"
	[[ -z $why ]] || fail "watch --json and lsipc --json differ: $why"
	COMPARED=$(( ${COMPARED:-0} + $(jq -n --argjson m "${m:-{\}}" --argjson q "${q:-{\}}" \
	    --argjson s "${s:-{\}}" '[$m, $q, $s | [.[]] | add // [] | length] | add') ))
}

# ipcs_field KIND ID NAME: a NAME=VALUE of ipcs -KIND -i ID ("nattch").
ipcs_field() {
	ipcs "-$1" -i "$2" | tr '\t ' '\n\n' | sed -n "s/^$3=//p" | head -n 1
}
