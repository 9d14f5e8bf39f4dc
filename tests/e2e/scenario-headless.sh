#!/bin/bash
# Every shipped scenario played
# headless: at each pause mark the JSON carries the caption and the
# kernel's state it claims (scenarios.expect); the text lines print each
# caption; the run ends with reason "script" and leaves nothing behind.
# --list-scenarios lists each one with its title.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/scenario.bash"

scn_all_covered
list=$("$IPCSCOPE" --list-scenarios) || fail "--list-scenarios exited $?"
for f in "$SCN_DIR"/*.scn; do
	name=$(basename "$f" .scn)
	title=$(sed -n 's/^title "\(.*\)"$/\1/p' "$f")
	grep -qxF "$(printf '%-24s %s' "$name" "$title")" <<<"$list" ||
	    fail "--list-scenarios lacks \"$name  $title\": $list"
done

# Installed: bin/ipcscope finds share/ipcscope/scenarios beside it, and
# plays one by its name from there.
inst=$E2E_TMP/inst
mkdir -p "$inst/bin" "$inst/share/ipcscope/scenarios"
cp "$IPCSCOPE" "$inst/bin/ipcscope"
cp "$SCN_DIR/mailbox.scn" "$SCN_DIR/transport-pipe.scn" "$inst/share/ipcscope/scenarios"
list=$("$inst/bin/ipcscope" --list-scenarios) || fail "installed --list-scenarios exited $?"
[[ $(cut -c1-24 <<<"$list" | tr -d ' ') == $'mailbox\ntransport-pipe' ]] ||
    fail "installed --list-scenarios: $list"
"$inst/bin/ipcscope" --headless --scenario transport-pipe | grep -q '^[0-9]* caption: ' ||
    fail "the installed binary did not play transport-pipe by its name"

for name in $(scn_names); do
	out=$E2E_TMP/$name.json
	"$IPCSCOPE" --headless --json --scenario "$name" >"$out" 2>"$E2E_TMP/err" ||
	    fail "$name: exit $?: $(cat "$E2E_TMP/err")"
	[[ ! -s $E2E_TMP/err ]] || fail "$name: stderr: $(cat "$E2E_TMP/err")"
	jfile "$out" "$name"
	scn_check "$out" "$name" "headless $name"
	jcheck_end "$out" '.closing.reason == "script" and .scenario.over and
	    .scenario.name == "'"$name"'"' "$name: the closing line"
	jcheck_at "$out" 1 '.key == "" and .scenario.mark == 0 and
	    (.scenario.title | length > 0)' "$name: the opening line"
	# Text mode: a line per caption, as the file writes it.
	"$IPCSCOPE" --headless --scenario "$SCN_DIR/$name.scn" >"$E2E_TMP/$name.txt" ||
	    fail "$name: text mode exit $?"
	while IFS='|' read -r mark caption expr; do
		grep -qE "^[0-9]+ caption: " "$E2E_TMP/$name.txt" &&
		    grep -qF " caption: $caption" "$E2E_TMP/$name.txt" ||
		    fail "$name: text mode lacks caption $mark: $caption"
		grep -qE "^[0-9]+ pause: pause $mark of " "$E2E_TMP/$name.txt" ||
		    fail "$name: text mode lacks pause $mark"
	done < <(scn_marks "$name")
	assert_no_leftovers
done
echo "ok scenario-headless"
