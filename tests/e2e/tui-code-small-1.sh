#!/usr/bin/env bash
# At 80x24 the code panel is a key away: v shows it over the panels under
# the buffer, and v hides it. On the System V and POSIX transports each
# worker's label follows its step to the line the JSON gives, and a blocked
# worker's line says BLOCKED (tui-code.inc).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-code.inc"

for t in sysv-shm posix-shm sysv-msg posix-mq; do
	code_story "$t" 80 24 v
done
assert_no_leftovers
echo "ok tui-code-small-1"
