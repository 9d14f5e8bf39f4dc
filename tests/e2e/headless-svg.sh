#!/usr/bin/env bash
# --headless --svg DIR: one picture per line printed, on every transport,
# each well-formed XML (python3's parser) and showing what the JSON line
# says at that step: the slots' items, the semaphores' values, the kernel
# objects' numbers, each worker's label at its code line (blocked ones
# marked). A picture already there is never replaced: the run fails,
# saying which, and leaves nothing behind.
. "$(dirname "$0")/lib.sh"

CHECK=$(dirname "$0")/svgcheck.py
# The consumer first (it blocks on the empty buffer, or in open for a
# FIFO), then the producers fill the two slots (P1 or P2 blocks), then
# the consumer takes.
KEYS=cccpppppppppppppcccc

for t in sysv-shm posix-shm sysv-msg posix-mq pipe fifo unix-stream \
    unix-dgram; do
	dir=$E2E_TMP/svg-$t
	mkdir -p "$dir"
	out=$E2E_TMP/$t.jsonl
	"$IPCSCOPE" --headless --json -t "$t" -n 2 -p 2 --svg "$dir" \
	    --keys "$KEYS" >"$out" 2>"$E2E_TMP/err" ||
	    fail "$t: exit $?: $(cat "$E2E_TMP/err")"
	jfile "$out" "$t"
	n=$(wc -l <"$out")
	# One picture per line, each parsed and held against its line.
	python3 "$CHECK" lines "$dir" "$out" || fail "$t: the pictures"
	# The run blocked someone, and the picture of that line says so.
	b=$(jq -s '[.[] | select(any(.workers[]; .blocked and .line != null))] | length' "$out")
	(( b > 0 )) || fail "$t: no line with a blocked worker at a code line"
	echo "$t: $n pictures match their lines, $b with a blocked worker"
done

# Never over a picture that is there: exit 2, one line naming it.
dir=$E2E_TMP/svg-sysv-shm
before=$(md5sum "$dir"/ipcscope-0001.svg)
"$IPCSCOPE" --headless --svg "$dir" --keys pp >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
(( rc == 2 )) || fail "over a picture: exit $rc, not 2"
grep -q "^ipcscope: --svg: cannot write .*ipcscope-0001.svg: File exists$" \
    "$E2E_TMP/err" || fail "over a picture: $(cat "$E2E_TMP/err")"
[[ $(md5sum "$dir"/ipcscope-0001.svg) == "$before" ]] ||
    fail "the picture that was there was changed"
assert_no_leftovers
echo "ok headless-svg"
