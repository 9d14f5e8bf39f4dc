#!/usr/bin/env bash
# s saves the frame on screen into the current directory: a .txt equal to
# the pane as tmux captures it, and an .svg that python3's XML parser
# takes and that shows what the frame's JSON line (--record) says. Saving
# again never replaces a file: new names (-2, -3). At 80x24 and 200x60.
. "$(dirname "$0")/lib.sh"

CHECK=$(cd "$(dirname "$0")" && pwd)/svgcheck.py
rec=$E2E_TMP/rec.jsonl
mkdir "$E2E_TMP/save"
cd "$E2E_TMP/save" || fail "no directory to save in"

# save NAME: s, the log says so, the two files are the pane and the frame.
save() {
	local name=$1 shot=$E2E_TMP/shot.txt
	settle || fail "the screen does not settle"
	cap >"$shot"
	keys s
	wait_for "saved $name\\.txt and $name\\.svg( in|$)" ||
	    fail "no line saying $name was saved"
	[[ -f $name.txt && -f $name.svg ]] || fail "$name: $(ls)"
	diff "$shot" "$name.txt" >&2 || fail "$name.txt is not the pane"
	python3 "$CHECK" match "$name.svg" "$rec" "$(wc -l <"$rec")" ||
	    fail "$name.svg does not show the frame"
	echo "$name: the pane, and the frame's picture"
}

tui_start 80 24 -n 2 -p 2 --record "$rec"
wait_for 'S T E P' || fail "no first frame"
for n in 1 2 3 4 5 6 7 8; do
	press p $n || fail "step $n"
done
press c 9 || fail "step 9"
save ipcscope-step-9
sum=$(md5sum ipcscope-step-9.txt ipcscope-step-9.svg)
# Again: never over the first two.
save ipcscope-step-9-2
[[ $(md5sum ipcscope-step-9.txt ipcscope-step-9.svg) == "$sum" ]] ||
    fail "saving again changed the first files"
# Large, with the code panel beside the buffer.
"${T[@]}" resize-window -t t -x 200 -y 60
wait_for "Code: each worker's label" || fail "no code panel at 200x60"
save ipcscope-step-9-3
(( $(ls | wc -l) == 6 )) || fail "more than the six files: $(ls)"
keys q
st=$(wait_exit) || fail "q"
[[ $st == 0 ]] || fail "exit $st"
assert_no_leftovers
echo "ok tui-save"
