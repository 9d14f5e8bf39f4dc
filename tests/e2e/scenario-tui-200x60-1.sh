#!/bin/bash
# Half 1 of the shipped scenarios (odd or even in
# scenarios.expect, so that a story stays well inside its time) on a
# 200x60 screen: each plays by itself to its first pause mark, n plays to
# the next; each mark shows its caption, and the run's own recording
# holds the kernel's state the caption claims.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/scenario.bash"

scn_all_covered
for name in $(scn_names | awk 'NR % 2 == 1 % 2'); do
	scn_screen 200 60 "$name"
done
echo "ok scenario-tui-200x60-1"
