/*
 * The state of the run in one word, read from a snapshot and nothing
 * else: the banner on the screen, the JSON's "state" and the SVG export
 * all take it from here, so they cannot disagree. Pure: no IPC, no I/O.
 */
#ifndef IPCSCOPE_VERDICT_H
#define IPCSCOPE_VERDICT_H

#include <stddef.h>

#include "snapshot.h"

enum verdict {
	VERDICT_PARTIAL,	/* the buffer has items and room, nobody asleep */
	VERDICT_EMPTY,		/* no item in the buffer */
	VERDICT_FULL,		/* every slot holds an item */
	VERDICT_BLOCKED,	/* a live worker is asleep in the transport's call */
	VERDICT_DEADLOCK	/* every live worker is: nobody is left to wake one */
};

/* Deadlock first, then full, then empty, then blocked. */
enum verdict	 verdict_of(const struct snapshot *);
/* "partial", "empty", "full", "blocked", "deadlock": the JSON's word. */
const char	*verdict_name(enum verdict);
/* "", "EMPTY", "FULL", "BLOCKED", "DEADLOCK": the banner's word. */
const char	*verdict_word(enum verdict);
/* Who sleeps where, in one line ("P1 asleep in semop(empty, -1)"), or
 * "" when nobody does. Returns the length written. */
size_t		 verdict_sleepers(const struct snapshot *, char *, size_t);
/*
 * Why a semaphore and the slots it counts differ, from the workers'
 * phases: "full is 2, not 3: P1 wrote an item but has not raised full
 * yet". "" when they agree, or when the phases do not account for the
 * whole difference (never a guess). Returns the length written.
 */
size_t		 verdict_explain(const struct snapshot *, char *, size_t);

#endif
