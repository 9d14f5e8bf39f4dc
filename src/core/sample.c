/*
 * The snapshot of a live run: the workers from the board and /proc, the
 * audit of what the consumers took, and each buffer's kernel objects from
 * its transport's sample().
 */
#include <sys/wait.h>

#include <string.h>

#include "ipcscope/clock.h"
#include "ipcscope/audit.h"
#include "ipcscope/code.h"
#include "ipcscope/graph.h"
#include "ipcscope/narrate.h"
#include "ipcscope/procfs.h"
#include "session_int.h"

/* --graph: an item's marks as the stages' names, "F>G". */
static void
via(const struct graph *g, uint32_t marks, char *buf, size_t len)
{
	int	st;

	buf[0] = '\0';
	for (; marks != 0; marks >>= 8) {
		st = (int)(marks & 0xff) - 1;
		if (buf[0] != '\0')
			strlcat(buf, ">", len);
		strlcat(buf, st >= 0 && st < g->nstages ? g->stages[st].name :
		    "?", len);
	}
}

static void
sample_worker(struct session *s, const struct board_worker *bw,
    struct snap_worker *w)
{
	const struct phase_info	*ph = &session_transport(s, bw)->phases[bw->phase];
	const struct graph	*g = s->cfg.graph;
	struct proc_status	 ps;
	enum role		 as = bw->role;

	memset(w, 0, sizeof(*w));
	w->role = bw->role;
	w->id = bw->id;
	worker_label(bw, w->label, sizeof(w->label));
	w->pid = bw->pid;
	w->alive = session_in_use(bw);
	strlcpy(w->phase, ph->name, sizeof(w->phase));
	strlcpy(w->call, ph->call, sizeof(w->call));
	if (g != NULL) {
		/* Its stage's buffers; a filter's line is in the loop of
		 * the role it plays on the buffer it is at. */
		w->from = g->stages[bw->stage].in;
		w->to = g->stages[bw->stage].out;
		strlcpy(w->stage, g->stages[bw->stage].name, sizeof(w->stage));
		as = bw->chan == w->from ? ROLE_CONSUMER : ROLE_PRODUCER;
		w->on = bw->chan;
		if (bw->carrying)
			via(g, bw->item_marks, w->via, sizeof(w->via));
		w->line = code_line_of(s->chs[bw->chan], as, bw->phase,
		    w->line_text, sizeof(w->line_text));
	} else {
		w->line = code_line_of(s->ch, bw->role, bw->phase,
		    w->line_text, sizeof(w->line_text));
		/* One buffer: producers put into it, consumers take from it. */
		w->from = bw->role == ROLE_CONSUMER ? 0 : -1;
		w->to = bw->role == ROLE_PRODUCER ? 0 : -1;
		w->on = 0;
	}
	w->done = bw->done;
	w->carrying = bw->carrying;
	w->item_seq = bw->item_seq;
	w->item_producer = bw->item_producer;
	strlcpy(w->holds, bw->holds, sizeof(w->holds));
	w->state = '-';
	w->syscall = -1;
	if (!w->alive) {
		w->line = 0;
		if (WIFSIGNALED(bw->exit_status))
			w->exit_signal = WTERMSIG(bw->exit_status);
		return;
	}
	if (procfs_status(bw->pid, &ps) == 0) {
		w->state = ps.state;
		strlcpy(w->wchan, ps.wchan, sizeof(w->wchan));
		w->syscall = ps.syscall;
	}
	w->waiting_permit = bw->status == WS_WAIT_PERMIT;
	w->blocked = bw->status == WS_IN_STEP && ps.state == 'S';
	if (w->blocked)
		narrate_reason(w->reason, sizeof(w->reason),
		    session_transport(s, bw), bw);
}

void
session_sample(struct session *s, struct snapshot *snap)
{
	const struct board_worker	*bw;
	struct snap_buffer		*b;
	uint32_t			 taken;
	char				 name[16];
	int				 idx[WORKERS_MAX], n, i, k;

	strlcpy(snap->transport, s->ch->t->name, sizeof(snap->transport));
	strlcpy(snap->title, s->ch->t->title, sizeof(snap->title));
	if (s->cfg.graph_spec != NULL)
		strlcpy(snap->graph, s->cfg.graph_spec, sizeof(snap->graph));
	snap->granularity = s->board->granularity;
	snap->at_ms = clock_ms() - s->t0_ms;
	snap->produced = snap->consumed = 0;
	snap->selected = -1;
	code_listing(s->ch, &snap->code);
	n = session_order(s, idx);
	for (i = 0; i < n; i++) {
		bw = &s->board->w[idx[i]];
		sample_worker(s, bw, &snap->workers[i]);
		if (bw->role == ROLE_PRODUCER)
			snap->produced += bw->done;
		else if (bw->role == ROLE_CONSUMER)
			snap->consumed += bw->done;
		if (idx[i] == s->sel)
			snap->selected = i;
	}
	snap->nworkers = n;
	/* The count first: every item it covers was numbered before. */
	taken = s->board->nconsumed;
	if (s->cfg.graph != NULL)
		audit_graph(s->board->consumed, taken, s->board->next_seq,
		    s->cfg.graph, &snap->audit);
	else
		audit_log(s->board->consumed, taken, s->board->next_seq,
		    s->cfg.mailbox, &snap->audit);
	audit_lost(s->board->gone, s->board->ngone, s->board->consumed, taken,
	    &snap->audit);
	snap->nobjects = snap->nbuffers = 0;
	snap->notes[0] = '\0';
	for (i = 0; i < s->nch; i++) {
		snprintf(name, sizeof(name), "B%d", i + 1);
		if ((b = snapshot_add_buffer(snap, name)) == NULL)
			break;
		strlcpy(b->transport, s->chs[i]->t->name, sizeof(b->transport));
		s->chs[i]->t->sample(s->chs[i], snap, b);
		for (k = 0; s->cfg.graph != NULL && k < b->nslots; k++)
			via(s->cfg.graph, b->slots[k].marks, b->slots[k].via,
			    sizeof(b->slots[k].via));
	}
}
