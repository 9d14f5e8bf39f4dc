/*
 * libFuzzer target for the snapshot reader (make fuzz): read the input as
 * one snapshot line; once it reads, write the snapshot, read what was
 * written and write that again. Beyond the sanitizers it aborts when a
 * promise is broken: a refusal that is not one printable line naming a
 * column or a field, a line of the writer's own that the reader refuses,
 * or a second write that differs from the first.
 *
 * Seeds (tests/fuzz/corpus/snapshot_read): real-*, lines of every
 * transport (tests/unit/real_lines.sh); edge-*, the unit tests'
 * snapshots (test_snapshot_read.c) as the writer prints them, and a few
 * it refuses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/snapshot.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct snapshot	first, second;

/* "column N: ...", "\"path\": ..." or "the top level: ...", printable. */
static void
check_msg(const char *err)
{
	const char	*p;

	for (p = err; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			abort();
	if (strncmp(err, "column ", 7) == 0) {
		for (p = err + 7; *p >= '0' && *p <= '9'; p++)
			;
		if (p == err + 7 || err[7] == '0' || strncmp(p, ": ", 2) != 0)
			abort();
	} else if (err[0] == '"') {
		if ((p = strstr(err + 1, "\": ")) == NULL || p == err + 1)
			abort();
	} else if (strncmp(err, "the top level: ", 15) != 0)
		abort();
}

/* The writer's line for s, in memory; free() it. */
static char *
line_of(const struct snapshot *s, size_t *len)
{
	char	*p = NULL;
	FILE	*f;

	if ((f = open_memstream(&p, len)) == NULL)
		abort();
	snapshot_json_write(f, s);
	if (fclose(f) != 0)
		abort();
	return (p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 err[512], *w1, *w2;
	size_t	 l1, l2;

	if (snapshot_json_read((const char *)data, size, &first, err,
	    sizeof(err)) == -1) {
		check_msg(err);
		return (0);
	}
	w1 = line_of(&first, &l1);
	if (snapshot_json_read(w1, l1, &second, err, sizeof(err)) == -1) {
		fprintf(stderr, "its own line refused: %s\n%s", err, w1);
		abort();
	}
	w2 = line_of(&second, &l2);
	if (l1 != l2 || memcmp(w1, w2, l1) != 0) {
		fprintf(stderr, "written again, it differs:\n%s%s", w1, w2);
		abort();
	}
	free(w1);
	free(w2);
	return (0);
}
