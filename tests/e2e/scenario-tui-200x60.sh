#!/bin/bash
# Every shipped scenario (the-race aside) on a 200x60 screen: it plays by
# itself to its first pause mark, n plays to the next; each mark shows
# its caption, and the run's own recording holds the kernel's state the
# caption claims (scenarios.expect).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/scenario.bash"

scn_all_covered
for name in $(scn_names); do
	scn_screen 200 60 "$name"
done
echo "ok scenario-tui-200x60"
