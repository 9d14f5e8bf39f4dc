#!/usr/bin/env bash
# The man page matches --help: every long option in --help is in
# assets/ipcscope.1 with the same argument and the same words, and every
# option the man page names is in --help; the same for where options work,
# the keys, the transports and the clean command. It renders without a
# warning. The README names every option and shows --help whole. A new
# flag without docs fails here.
. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MAN=$ROOT/assets/ipcscope.1
[[ -f $MAN ]] || fail "no $MAN"

warn=$(groff -man -Tutf8 -ww -z "$MAN" 2>&1 >/dev/null)
[[ -z $warn ]] || fail "groff warns: $warn"

# Both as one line of words: layout and wrapping do not count.
flat() { tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'; }
help=$("$IPCSCOPE" --help) || fail "--help exited $?"
page=$(groff -man -Tascii -P-c -P-b -P-u -P-o -rHY=0 "$MAN" 2>/dev/null |
    col -b | flat)
[[ -n $page ]] || fail "the man page renders empty"

# has TEXT: the rendered page holds TEXT, word for word.
has() { grep -qiF -- "$(flat <<<"$1")" <<<"$page"; }

# Options: "-t, --transport NAME  the IPC transport ..." with the lines
# that continue a description (deeply indented) joined to it.
opts=$(awk '
	/^options:/ { on = 1; next }
	on && /^$/ { on = 0 }
	on && /^ {6,}[^ -]/ { sub(/^ +/, ""); cur = cur " " $0; next }
	on && /^ +-/ { if (cur != "") print cur; cur = $0 }
	END { if (cur != "") print cur }' <<<"$help")
n=0
while IFS= read -r line; do
	n=$((n + 1))
	has "$line" || fail "the man page lacks, word for word: $(flat <<<"$line")"
done <<<"$opts"
(( n >= 10 )) || fail "only $n options read from --help"

# Every long option either side is on the other.
long_help=$(grep -oE -- '--[a-z][a-z-]+' <<<"$opts" | sort -u)
long_man=$(grep -oE -- '\\-\\-[a-z][a-z\\-]+' "$MAN" | sed 's/\\//g' | sort -u)
extra=$(comm -13 <(echo "$long_help") <(echo "$long_man"))
[[ -z $extra ]] || fail "the man page names options --help lacks: $extra"
missing=$(comm -23 <(echo "$long_help") <(echo "$long_man"))
[[ -z $missing ]] || fail "the man page lacks options: $missing"
missing=$(while read -r o; do grep -qF -- "$o" "$ROOT/README.md" || echo "$o";
    done <<<"$long_help")
[[ -z $missing ]] || fail "README.md lacks options: $missing"

# Where options work: each line of that table, and the rule above it.
works=$(awk '/^where options work/ { on = 1; next } on && /^$/ { exit } on' <<<"$help")
(( $(wc -l <<<"$works") >= 5 )) || fail "too few lines in --help's where options work"
while IFS= read -r line; do
	has "$line" || fail "the man page lacks, word for word: $(flat <<<"$line")"
done <<<"$works"
has "Where options work Given anywhere else, an option is an error; clean takes none." ||
    fail "the man page does not say an option elsewhere is an error"

# The README shows --help as it is, whole.
readme_help=$(awk '/^\$ ipcscope --help$/ { on = 1; next } on && /^```/ { exit } on' \
    "$ROOT/README.md")
[[ $readme_help == "$help" ]] ||
    fail "README.md's --help differs: $(diff <(echo "$readme_help") <(echo "$help"))"

# Keys: each line of the keys table (keys_help()), as --help prints it.
keys=$(awk '/^keys:/ { on = 1; next } on && /^$/ { exit } on' <<<"$help")
(( $(wc -l <<<"$keys") >= 10 )) || fail "too few keys in --help"
while IFS= read -r line; do
	has "$line" || fail "the man page lacks the key: $line"
done <<<"$keys"

# The clean command, in the words of --help.
clean=$(awk '/^clean:/ { on = 1 } on' <<<"$help" | flat | sed 's/^clean: //')
[[ -n $clean ]] || fail "no clean paragraph in --help"
has "clean $clean" || fail "the man page lacks: clean $clean"

# The transports, each with the title --list-transports gives it.
n=0
while read -r name title; do
	has "$name $title" || fail "the man page lacks the transport: $name $title"
	n=$((n + 1))
done < <("$IPCSCOPE" --list-transports)
(( n >= 8 )) || fail "only $n transports from --list-transports"

# The version in the page's title line is the program's.
version=$("$IPCSCOPE" --version) || fail "--version exited $?"
grep -q "^\.TH IPCSCOPE 1 .*\"$version\"" "$MAN" ||
    fail "the .TH line does not say \"$version\""

# Exit status and environment.
for w in "EXIT STATUS" "128 + N" "IPCSCOPE_RUNDIR" "XDG_RUNTIME_DIR" \
    "NO_COLOR" "FILES"; do
	has "$w" || fail "the man page lacks $w"
done
exit 0
