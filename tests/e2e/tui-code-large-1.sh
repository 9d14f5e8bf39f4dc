#!/usr/bin/env bash
# At 200x60 the code panel sits beside the buffer; on the System V and POSIX
# transports each worker's label follows its step to the line the JSON
# gives, and a blocked worker's line says BLOCKED (tui-code.inc).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-code.inc"

for t in sysv-shm posix-shm sysv-msg posix-mq; do
	code_story "$t" 200 60
done
assert_no_leftovers
echo "ok tui-code-large-1"
