#!/usr/bin/env bash
# The watch screen as values change, frame by frame (-d 0.1 and 2).
# A queue's sparkline grows by a cell a second while a sender fills it
# one message at a time: the DEPTH shown is the qnum of watch --once
# --json at that moment, and the line rises from the empty queue's
# lowest block to the top one, each depth in order (▁ ▄ ▆ █ for 0 1 2 3
# of 3). Inside a segment, the bytes a program writes are highlighted
# (bold and underlined, not colour alone: capture-pane -e's attributes)
# for the one frame that shows them new, and only those bytes, in hex and
# as text; the next frame shows them plain.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/watch-classic/lib.sh"

touch "$E2E_TMP/kq"
"$BIN/msgsend" "$E2E_TMP/kq" 0 >"$E2E_TMP/q.out" 2>&1 || fail "msgsend: $(cat "$E2E_TMP/q.out")"
QID=$(sed -nE 's/.*msqid ([0-9]+)$/\1/p' "$E2E_TMP/q.out")
[[ -n $QID ]] || fail "no queue: $(cat "$E2E_TMP/q.out")"
CLASSIC_IDS+=("q $QID")

# The queue's row: its DEPTH and its sparkline (the last field).
qrow() { cap | LC_ALL=C awk -v id="$QID" 'NR > 2 && substr($0, 2, 4) == "msg " &&
    substr($0, 18, 6) + 0 == id && substr($0, 18, 6) ~ /[0-9]/ { print $0 }'; }
depth() { qrow | LC_ALL=C awk '{ d = substr($0, 52, 5); gsub(/ /, "", d); print d }'; }
spark() { qrow | awk '{ print $NF }'; }
cells() { echo $(( $(printf %s "$1" | wc -c) / 3 )); }	# 3 bytes a block

tui_start 200 30 watch -d 0.1 --type msg
wait_for "^ msg  0x[0-9a-f]{8} +$QID " || fail "the queue is not listed"
[[ $(spark) =~ ^(▁)+$ ]] || fail "the empty queue's sparkline: $(spark)"
lens=$(cells "$(spark)")
for k in 1 2 3; do
	"$BIN/msgsend" "$E2E_TMP/kq" 1 >"$E2E_TMP/q.out" 2>&1 || fail "msgsend: $(cat "$E2E_TMP/q.out")"
	d=$(( $(now_ms) + 5000 ))
	until [[ $(depth) == "$k" ]]; do
		(( $(now_ms) > d )) && fail "DEPTH never $k: $(qrow)"
		sleep 0.01
	done
	l=$(wj --id "$QID" --type msg)
	wtrue "$l" ".objects[0].qnum == $k" "qnum after $k sends"
	# The next cell is a sample taken at depth k.
	n=$(cells "$(spark)")
	d=$(( $(now_ms) + 3000 ))
	until (( $(cells "$(spark)") > n )); do
		(( $(now_ms) > d )) && fail "the sparkline did not grow past $n cells: $(spark)"
		sleep 0.01
	done
	lens+=" $(cells "$(spark)")"
done
s=$(spark)
[[ $s =~ ^(▁)+(▄)+(▆)+(█)+$ ]] || fail "the sparkline for 0 1 2 3 is $s"
keys q
wait_exit >/dev/null || fail "no exit on q"
tui_stop

# A segment's bytes: the ones written highlighted for one frame.
SEG=$(ipcmk -M 64 -p 0600 | sed -nE 's/.*id: ([0-9]+)$/\1/p')
[[ -n $SEG ]] || fail "ipcmk -M failed"
CLASSIC_IDS+=("m $SEG")
# attrs OFFSET: the 16 bytes of the line at OFFSET, hex then text, each
# "U" if drawn underlined and bold, "." if not; from capture-pane -e.
attrs() {
	cap -e | python3 -c '
import re, sys
off = sys.argv[1]
for raw in sys.stdin:
	chars, flags, bold, under = [], [], False, False
	for m in re.finditer(r"\x1b\[([0-9;:]*)m|([^\x1b\n])", raw):
		if m.group(2) is not None:
			chars.append(m.group(2))
			flags.append("U" if bold and under else ".")
			continue
		ps = [p.split(":")[0] for p in m.group(1).split(";")] or ["0"]
		i = 0
		while i < len(ps):
			p = int(ps[i] or 0)
			if p == 0: bold = under = False
			elif p == 1: bold = True
			elif p == 22: bold = False
			elif p == 4: under = True
			elif p == 24: under = False
			elif p in (38, 48, 58): i += 2 if ps[i + 1:i + 2] == ["5"] else 4
			i += 1
	if "".join(chars).startswith(off + "  "):
		hexf = "".join(flags[8 + 3 * j] for j in range(16))
		txt = "".join(flags[58 + j] for j in range(16))
		print(hexf, txt)
		break
' "$1"
}
# highlight OFFSET WANT WHAT: wait until attrs OFFSET is WANT.
highlight() {
	local d=$(( $(now_ms) + 5000 )) got
	until got=$(attrs "$1"); [[ $got == "$2" ]]; do
		(( $(now_ms) > d )) && { cap -e >&2; fail "$3: line $1 is \"$got\", not \"$2\""; }
		sleep 0.01
	done
}
# A frame of 2 s: the highlighted frame is looked for by a capture and a
# python3 run every poll, which took more than 0.5 s on a loaded machine
# (two stories at once): the frame came and went unseen.
tui_start 120 30 watch -d 2 --id "$SEG" --type shm
wait_for '000010  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ' ||
    fail "the segment's bytes are not shown"
highlight 000010 "................ ................" "before the write"
"$BIN/shmpoke" "$SEG" 18 HELLO >"$E2E_TMP/poke.out" 2>&1 || fail "shmpoke: $(cat "$E2E_TMP/poke.out")"
# The frame that shows them new: those five bytes, in hex and as text.
highlight 000010 "..UUUUU......... ..UUUUU........." "the frame after the write"
cap | grep -qE '^000010  00 00 48 45 4c 4c 4f 00 ' || fail "the bytes written are not shown: $(cap)"
[[ $(attrs 000000) == "................ ................" ]] ||
    fail "bytes not written are highlighted: $(attrs 000000)"
# The frame after: the same bytes, plain.
highlight 000010 "................ ................" "the second frame after the write"
cap | grep -qE '^000010  00 00 48 45 4c 4c 4f 00 .*\|\.\.HELLO\.{9}\|' ||
    fail "the bytes written are gone: $(cap)"
keys q
st=$(wait_exit) || fail "no exit on q"
[[ $st == 0 ]] || fail "q: status $st"
echo "the sparkline grew $lens cells: $s; 5 bytes written, highlighted for one frame"
exit 0
