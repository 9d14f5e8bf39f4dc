#!/usr/bin/env bash
# make bench, second half: ipcscope bench against tests/bench/ref.c, the
# straightforward program, per transport and size, side by side: in each
# of REPEAT rounds, every cell ipcscope carries is measured by ipcscope
# (bench -t T --sizes S --repeat 1) and by the reference one right after
# the other, which one first alternating round by round, so that a load
# that comes and goes on the machine falls on both alike. Prints the
# medians and their ratio.
#   tests/bench/compare.sh IPCSCOPE BENCH_REF   (REPEAT=5 BENCH_SECONDS=1)
set -euo pipefail
bin=$1 ref=$2
repeat=${REPEAT:-5} secs=${BENCH_SECONDS:-1} slots=8
sizes=${BENCH_SIZES:-64,1024,8192,65536}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The progress line, on a terminal only.
say() { [[ -t 2 ]] && printf '\r\033[K%s' "$*" >&2 || :; }

# The cells ipcscope carries here (a short run: the rest say why not).
"$bin" bench --sizes "$sizes" --seconds 0.01 --repeat 1 --json |
    jq -r '.results[] | select(.runs > 0) | "\(.transport) \(.size)"' \
    >"$out/cells"

ours() {
	"$bin" bench -t "$1" --sizes "$2" --repeat 1 --seconds "$secs" \
	    -n "$slots" --json | jq -c '.results[0] |
	    {transport, size, items_s: .items_s.median}' >>"$out/ipc.jsonl"
}
theirs() {
	"$ref" "$1" "$2" "$secs" "$slots" >>"$out/ref.jsonl"
}

for ((r = 1; r <= repeat; r++)); do
	while read -r t size; do
		say "compare: round $r of $repeat: $t $size"
		if ((r % 2)); then
			ours "$t" "$size"; theirs "$t" "$size"
		else
			theirs "$t" "$size"; ours "$t" "$size"
		fi
	done <"$out/cells"
done
say ""

# Medians of both, per transport and size, and ipcscope / reference.
jq -s -r --slurpfile ref <(jq -s . "$out/ref.jsonl") '
	def median: sort | if length == 0 then 0 elif length % 2 == 1
	    then .[length / 2 | floor]
	    else (.[length / 2 - 1] + .[length / 2]) / 2 end;
	def si: if . >= 1e6 then "\(. / 1e4 | round / 100) M"
	    elif . >= 1e3 then "\(. / 10 | round / 100) k"
	    else "\(. | round)" end;
	group_by([.transport, .size])
	| map({t: .[0].transport, s: .[0].size,
	    ipc: (map(.items_s) | median)}) as $ipc
	| ($ref[0] | group_by([.transport, .size])
	    | map({key: "\(.[0].transport) \(.[0].size)",
	      value: (map(.items_s) | median)}) | from_entries) as $r
	| "transport    size   ipcscope items/s  reference items/s  ratio",
	  ($ipc[] | ($r["\(.t) \(.s)"] // 0) as $rv
	    | "\(.t | . + " " * (12 - length)) \(.s | tostring
	    | . + " " * (6 - length)) \(.ipc | si | . + " " * (17 - length)) "
	    + "\($rv | si | . + " " * (18 - length)) "
	    + (if $rv > 0 then "\(.ipc / $rv * 100 | round / 100)" else "-" end))
' "$out/ipc.jsonl"
