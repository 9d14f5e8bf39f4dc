#!/usr/bin/env bash
# make bench, second half: ipcscope bench against tests/bench/ref.c, the
# straightforward program, per transport and size, in the same run: for
# each of REPEAT rounds, ipcscope bench --repeat 1 and then the reference
# at every size ipcscope carried. Prints the medians and their ratio.
#   tests/bench/compare.sh IPCSCOPE BENCH_REF   (REPEAT=5 BENCH_SECONDS=1)
set -euo pipefail
bin=$1 ref=$2
repeat=${REPEAT:-5} secs=${BENCH_SECONDS:-1} slots=8
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The progress line, on a terminal only.
say() { [[ -t 2 ]] && printf '\r\033[K%s' "$*" >&2 || :; }

for ((r = 1; r <= repeat; r++)); do
	say "compare: round $r of $repeat: ipcscope bench"
	"$bin" bench --repeat 1 --seconds "$secs" -n "$slots" --json \
	    >"$out/ipc.$r.json"
	jq -r '.results[] | select(.runs > 0) | "\(.transport) \(.size)"' \
	    "$out/ipc.$r.json" | while read -r t size; do
		say "compare: round $r of $repeat: reference $t $size"
		"$ref" "$t" "$size" "$secs" "$slots" >>"$out/ref.jsonl"
	done
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
	[.[].results[] | select(.runs > 0)] | group_by([.transport, .size])
	| map({t: .[0].transport, s: .[0].size,
	    ipc: (map(.items_s.median) | median)}) as $ipc
	| ($ref[0] | group_by([.transport, .size])
	    | map({key: "\(.[0].transport) \(.[0].size)",
	      value: (map(.items_s) | median)}) | from_entries) as $r
	| "transport    size   ipcscope items/s  reference items/s  ratio",
	  ($ipc[] | ($r["\(.t) \(.s)"] // 0) as $rv
	    | "\(.t | . + " " * (12 - length)) \(.s | tostring
	    | . + " " * (6 - length)) \(.ipc | si | . + " " * (17 - length)) "
	    + "\($rv | si | . + " " * (18 - length)) "
	    + (if $rv > 0 then "\(.ipc / $rv * 100 | round / 100)" else "-" end))
' "$out"/ipc.*.json
