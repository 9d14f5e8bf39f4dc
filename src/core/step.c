/* The worker's side of a step: publish, wait for the permit, act, report. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "ipcscope/worker.h"

int
step(struct worker *w, int phase)
{
	struct board_worker	*bw = w->bw;
	bool			 wait;

	/* The bench times the transport's own calls: each board store
	 * below is a locked instruction, and no one reads them there. */
	if (w->quiet) {
		if (w->item_start && w->item.producer != 0 &&
		    w->item.seq == 0)
			w->item.seq = ++w->board->next_seq;
		w->item_start = false;
		return (0);
	}
	wait = (w->item_start || w->board->granularity == GRAIN_CALL) &&
	    !w->board->free_run;
	if (bw->status == WS_IN_STEP)
		bw->steps++;
	bw->phase = phase;
	bw->slot = -1;
	if (wait) {
		bw->status = WS_WAIT_PERMIT;
		while (sem_wait(&bw->permit) == -1)
			if (errno != EINTR)
				return (-1);
	}
	/* Numbered on its first permit, so the order follows the keys. */
	if (w->item_start && w->item.producer != 0 && w->item.seq == 0) {
		w->item.seq = ++w->board->next_seq;
		step_item(w, &w->item);
	}
	w->item_start = false;
	bw->status = WS_IN_STEP;
	return (0);
}

/* One more fact for the viewer to word; past FACTS_MAX the last one is
 * overwritten, so the newest outcome is never lost. */
static void
fact(struct worker *w, int outcome, long ret, int err, long got, long want)
{
	struct board_worker	*bw = w->bw;
	struct board_fact	*f;
	int			 n;

	if (w->quiet) {
		w->clash = 0;
		return;
	}
	n = bw->nfacts;
	bw->last_errno = outcome == FACT_FAILED ? err : 0;
	f = &bw->facts[n < FACTS_MAX ? n : FACTS_MAX - 1];
	f->phase = bw->phase;
	f->outcome = outcome;
	f->ret = ret;
	f->err = err;
	f->slot = bw->slot;
	f->item = bw->carrying ? bw->item_seq : 0;
	f->got = got;
	f->want = want;
	f->other = w->clash;
	f->t = bw->t;
	w->clash = 0;
	if (n < FACTS_MAX)
		bw->nfacts = n + 1;
}

void
step_result(struct worker *w, int ret, int err)
{
	fact(w, ret == -1 ? FACT_FAILED : FACT_DONE, ret, ret == -1 ? err : 0,
	    0, 0);
}

void
step_result_part(struct worker *w, long got, long want)
{
	fact(w, FACT_PARTIAL, got, 0, got, want);
}

void
step_result_last(struct worker *w, long ret)
{
	fact(w, FACT_LAST_PART, ret, 0, 0, 0);
}

void
step_result_eof(struct worker *w)
{
	fact(w, FACT_EOF, 0, 0, 0, 0);
}

void
step_holds(struct worker *w, const char *what)
{
	if (w->quiet)
		return;
	strlcpy(w->bw->holds, what, sizeof(w->bw->holds));
}

void
step_clash(struct worker *w, uint32_t other)
{
	w->clash = other;
	if (other != 0 && w->as == ROLE_PRODUCER)
		board_gone(w->board, other);
}

void
step_slot(struct worker *w, int slot)
{
	if (w->quiet)
		return;
	w->bw->slot = slot;
}

void
step_item(struct worker *w, const struct item *it)
{
	if (w->quiet)
		return;
	if (it == NULL) {
		w->bw->carrying = 0;
		return;
	}
	w->bw->item_seq = it->seq;
	w->bw->item_producer = it->producer;
	w->bw->item_marks = it->marks;
	w->bw->carrying = 1;
}

enum role
worker_role(const struct worker *w)
{
	return (w->as);
}

int
worker_id(const struct worker *w)
{
	return (w->chan_id);
}

void
step_done(struct worker *w, int delta)
{
	w->bw->done += delta;
}

int
worker_mailbox(const struct worker *w, uint32_t seq)
{
	const struct board	*b = w->board;
	int			 ids[WORKERS_MAX], n = 0, i, j;

	if (w->addr > 0)
		return (w->addr);	/* --graph broadcast: this reader */
	/* The consumers alive now, by id; item n goes to the n-th, round
	 * robin, so a consumer that joins gets mail and a dead one none. */
	for (i = 0; i < WORKERS_MAX; i++) {
		if (b->w[i].role != ROLE_CONSUMER ||
		    b->w[i].status == WS_FREE || b->w[i].status == WS_EXITED)
			continue;
		for (j = n++; j > 0 && ids[j - 1] > b->w[i].id; j--)
			ids[j] = ids[j - 1];
		ids[j] = b->w[i].id;
	}
	return (n == 0 ? 1 : ids[(seq - 1) % (uint32_t)n]);
}
