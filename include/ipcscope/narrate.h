/*
 * Narration: the viewer's words for what the workers did. A worker
 * records facts on the board (board.h: call, return value, errno, slot,
 * item); the viewer turns them into the snapshot's facts and into the
 * plain sentence of the log, from the transport's phase texts. Nothing
 * else writes English about a step.
 */
#ifndef IPCSCOPE_NARRATE_H
#define IPCSCOPE_NARRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "snapshot.h"
#include "transport.h"

/* What a key or a tick came to: the facts and the sentence made of them. */
struct report {
	char		 event[EVENT_MAX];
	int		 nfacts;
	struct snap_fact facts[SNAP_FACTS];
};

void	report_clear(struct report *);
/* One more sentence, ". "-separated; printf-style. */
void	report_say(struct report *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * The calls bw made since its last grant: a fact each, and one sentence,
 * "P1 semop(empty, -1): a free slot is reserved; ..." or, when another
 * worker's step woke it (woken), "C1 wakes up: ...".
 */
void	narrate_calls(struct report *, const struct transport *,
	    const struct board_worker *, bool woken);
/* bw is asleep in its call: the fact, and "P1 semop(empty, -1): empty is
 * 0: every slot is full, so the kernel puts P1 to sleep". */
void	narrate_asleep(struct report *, const struct transport *,
	    const struct board_worker *);
/* That sentence alone, into buf. */
void	narrate_blocked(char *buf, size_t, const struct transport *,
	    const struct board_worker *);
/* Why bw sleeps, without who or the call: "empty is 0: every slot is full". */
void	narrate_reason(char *buf, size_t, const struct transport *,
	    const struct board_worker *);

#endif
