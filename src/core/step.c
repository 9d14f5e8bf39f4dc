/* The worker's side of a step: publish, wait for the permit, act, report. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/event.h"
#include "ipcscope/transport.h"

int
step(struct worker *w, int phase)
{
	struct board_worker	*bw = w->bw;
	bool			 wait;

	wait = w->item_start || w->board->granularity == GRAIN_CALL;
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

void
step_result(struct worker *w, int ret, int err)
{
	struct board_worker	*bw = w->bw;
	const struct phase_info	*ph = &w->ch->t->phases[bw->phase];
	char			 s[200], done[160];

	bw->last_errno = ret == -1 ? err : 0;
	if (ret == -1)
		snprintf(s, sizeof(s), "%s failed: %s", ph->call, strerror(err));
	else {
		event_expand(done, sizeof(done), ph->done, bw->slot,
		    bw->item_seq);
		snprintf(s, sizeof(s), "%s: %s", ph->call, done);
	}
	if (bw->trail[0] != '\0')
		strlcat(bw->trail, "; ", sizeof(bw->trail));
	strlcat(bw->trail, s, sizeof(bw->trail));
}

void
step_result_text(struct worker *w, int ret, int err, const char *done)
{
	struct board_worker	*bw = w->bw;
	char			 s[200];

	if (ret == -1) {
		step_result(w, ret, err);
		return;
	}
	bw->last_errno = 0;
	snprintf(s, sizeof(s), "%s: %s", w->ch->t->phases[bw->phase].call, done);
	if (bw->trail[0] != '\0')
		strlcat(bw->trail, "; ", sizeof(bw->trail));
	strlcat(bw->trail, s, sizeof(bw->trail));
}

void
step_holds(struct worker *w, const char *what)
{
	strlcpy(w->bw->holds, what, sizeof(w->bw->holds));
}

void
step_slot(struct worker *w, int slot)
{
	w->bw->slot = slot;
}

void
step_item(struct worker *w, const struct item *it)
{
	if (it == NULL) {
		w->bw->carrying = 0;
		return;
	}
	w->bw->item_seq = it->seq;
	w->bw->item_producer = it->producer;
	w->bw->carrying = 1;
}
