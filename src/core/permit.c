/*
 * Grants: one step permit to the next worker of a kind, then wait for the
 * system to settle, then say what happened (narrate.h).
 */
#include <string.h>

#include "ipcscope/narrate.h"
#include "ipcscope/procfs.h"
#include "ipcscope/settle.h"
#include "session_int.h"

/* The next worker for target, round robin; -1 if none. ready: only those
 * waiting for a permit. */
static int
pick(struct session *s, enum target t, bool ready)
{
	struct board_worker	*bw;
	int			 i, idx;

	for (i = 1; i <= WORKERS_MAX; i++) {
		idx = (s->rr[t] + i) % WORKERS_MAX;
		bw = &s->board->w[idx];
		if (!session_in_use(bw))
			continue;
		if (t == TARGET_PRODUCER && bw->role != ROLE_PRODUCER)
			continue;
		/* A --graph filter takes items too: c (and the consumers'
		 * pace) steps it. */
		if (t == TARGET_CONSUMER && bw->role == ROLE_PRODUCER)
			continue;
		if (ready && bw->status != WS_WAIT_PERMIT)
			continue;
		return (idx);
	}
	return (-1);
}

static int	grant(struct session *, int, struct report *);

int
session_step(struct session *s, enum target t, struct report *r)
{
	static const char	*who[] = { "worker", "producer", "consumer" };
	const struct transport	*tp = s->ch->t;
	char			 sentence[EVENT_MAX];
	int			 idx;

	if ((idx = pick(s, t, true)) == -1) {
		if ((idx = pick(s, t, false)) == -1) {
			report_say(r, "there is no live %s to step", who[t]);
			return (-1);
		}
		narrate_blocked(sentence, sizeof(sentence), tp,
		    &s->board->w[idx]);
		report_say(r, "nothing granted: every %s is blocked (%s)",
		    who[t], sentence);
		return (-1);
	}
	s->rr[t] = idx;
	return (grant(s, idx, r));
}

int
session_find(const struct session *s, enum role role, int id)
{
	const struct board_worker	*bw;
	int				 i;

	for (i = 0; i < WORKERS_MAX; i++) {
		bw = &s->board->w[i];
		if (session_in_use(bw) && bw->role == role && bw->id == id)
			return (i);
	}
	return (-1);
}

int
session_find_label(const struct session *s, const char *label)
{
	const struct board_worker	*bw;
	char				 l[sizeof(bw->name)];
	int				 i;

	for (i = 0; i < WORKERS_MAX; i++) {
		bw = &s->board->w[i];
		if (!session_in_use(bw))
			continue;
		worker_label(bw, l, sizeof(l));
		if (strcmp(l, label) == 0)
			return (i);
	}
	return (-1);
}

/* A script's "step P2", digit-then-p, Enter: this worker and no other. */
int
session_step_worker(struct session *s, int idx, struct report *r)
{
	struct board_worker	*bw = &s->board->w[idx];
	char			 l[8], sentence[EVENT_MAX];

	worker_label(bw, l, sizeof(l));
	if (!session_in_use(bw)) {
		report_say(r, "%s is dead: there is nothing to step", l);
		return (-1);
	}
	if (bw->status != WS_WAIT_PERMIT) {
		if (bw->status == WS_IN_STEP && procfs_asleep(bw->pid)) {
			narrate_blocked(sentence, sizeof(sentence), s->ch->t,
			    bw);
			report_say(r, "nothing granted: %s is blocked (%s)", l,
			    sentence);
		} else
			report_say(r, "nothing granted: %s is not waiting for a "
			    "permit", l);
		return (-1);
	}
	return (grant(s, idx, r));
}

int
session_step_stage(struct session *s, int idx, struct report *r)
{
	const struct graph	*g = s->cfg.graph;
	struct board_worker	*bw;
	int			 st = s->board->w[idx].stage, i, k;

	if (g == NULL || st < 0)
		return (session_step_worker(s, idx, r));
	/* Round robin from the stage's last one stepped. */
	for (i = 1; i <= WORKERS_MAX; i++) {
		k = (s->rr[TARGET_ANY] + i) % WORKERS_MAX;
		bw = &s->board->w[k];
		if (session_in_use(bw) && bw->stage == st &&
		    bw->status == WS_WAIT_PERMIT) {
			s->rr[TARGET_ANY] = k;
			return (grant(s, k, r));
		}
	}
	for (k = 0; k < WORKERS_MAX; k++) {
		bw = &s->board->w[k];
		if (session_in_use(bw) && bw->stage == st)
			return (session_step_worker(s, k, r));
	}
	report_say(r, "stage %s has no live process to step",
	    g->stages[st].name);
	return (-1);
}

/* One permit to the worker at board index idx, then settle and say. */
static int
grant(struct session *s, int idx, struct report *r)
{
	struct board_worker	*bw, *g;
	const struct transport	*tp = s->ch->t;
	unsigned long		 before;
	int			 i;

	g = &s->board->w[idx];
	for (i = 0; i < WORKERS_MAX; i++)
		s->board->w[i].nfacts = 0;
	before = g->steps;
	sem_post(&g->permit);
	if (settle(s->board, &settle_proc, idx, before, SETTLE_MS) == -1)
		report_say(r, "the workers did not settle in time");
	narrate_calls(r, tp, g, false);
	/* Still in its step after settling: asleep in the call, or dead. */
	if (g->status == WS_IN_STEP && procfs_asleep(g->pid))
		narrate_asleep(r, tp, g);
	for (i = 0; i < WORKERS_MAX; i++) {
		bw = &s->board->w[i];
		if (bw != g)
			narrate_calls(r, tp, bw, true);
	}
	return (0);
}

int
session_ready(const struct session *s, enum role r)
{
	int	i, n = 0;

	for (i = 0; i < WORKERS_MAX; i++)
		if (s->board->w[i].status == WS_WAIT_PERMIT &&
		    (s->board->w[i].role == r || (r == ROLE_CONSUMER &&
		    s->board->w[i].role == ROLE_FILTER)))
			n++;
	return (n);
}

