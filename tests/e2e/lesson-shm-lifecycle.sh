#!/usr/bin/env bash
# lesson shm-lifecycle --headless: every caption, in order; the segment's
# nattch goes 0, 1, 2, 1, then dest with its key shown as 0; the same key
# makes a new segment (a new id); the old id is gone once the reader
# detaches; nothing is left.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lesson.inc"

lesson_run shm-lifecycle
lesson_every_caption shm-lifecycle
L=shm-lifecycle
calls=$(head -n 11 "$E2E_TMP/$L.out" | jq -r '"\(.who):\(.call)"' | tr '\n' ' ')
[[ $calls == "writer:ftok writer:shmget writer:shmat reader:ftok reader:shmget reader:shmat writer:shmdt writer:shmctl writer:shmget reader:shmdt writer:shmctl " ]] ||
    fail "the calls: $calls"
id=$(sed -n 2p "$E2E_TMP/$L.out" | jq -r .ret)
[[ $id =~ ^[0-9]+$ ]] || fail "shmget returned no id: $id"
seg=".objects | map(select(.type == \"shm\" and .id == $id))"
lcheck $L 1 '.objects == []' "ftok makes nothing"
lcheck $L 2 "$seg | length == 1 and .[0].nattch == 0 and .[0].dest == false and .[0].key != \"0x00000000\"" "created: nattch 0"
lcheck $L 3 "$seg | .[0].nattch == 1" "the writer attached: nattch 1"
lcheck $L 5 ".ret == $id" "the reader finds the same id by the key"
lcheck $L 6 "$seg | .[0].nattch == 2" "the reader attached: nattch 2"
lcheck $L 7 "$seg | .[0].nattch == 1 and .[0].dest == false" "the writer detached: nattch 1"
lcheck $L 8 "$seg | .[0].nattch == 1 and .[0].dest == true and .[0].key == \"0x00000000\"" "IPC_RMID while attached: dest, key 0"
lcheck $L 9 ".ret != $id and ($seg | length == 1 and .[0].dest) and
    (.objects | map(select(.type == \"shm\" and .id != $id and .nattch == 0 and .dest == false)) | length == 1)" \
    "the same key makes a new segment, the old one still there"
new=$(sed -n 9p "$E2E_TMP/$L.out" | jq -r .ret)
lcheck $L 10 "($seg | length == 0) and (.objects | map(.id) == [$new])" "the last detach: the old id is gone"
lcheck $L 11 '.objects == []' "the new one removed too"
# The source line of each call is on the line: shmdt's, for one.
lcheck $L 7 '.source.file == "assets/lessons/shm_lifecycle.c" and (.source.text | test("shmdt\\(mem\\)"))' "shmdt's source line"
assert_no_leftovers
