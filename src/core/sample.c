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
#include "ipcscope/narrate.h"
#include "ipcscope/procfs.h"
#include "session_int.h"

static void
sample_worker(struct session *s, const struct board_worker *bw,
    struct snap_worker *w)
{
	const struct phase_info	*ph = &s->ch->t->phases[bw->phase];
	struct proc_status	 ps;

	memset(w, 0, sizeof(*w));
	w->role = bw->role;
	w->id = bw->id;
	worker_label(bw, w->label, sizeof(w->label));
	w->pid = bw->pid;
	w->alive = session_in_use(bw);
	strlcpy(w->phase, ph->name, sizeof(w->phase));
	strlcpy(w->call, ph->call, sizeof(w->call));
	w->line = code_line_of(s->ch, bw->role, bw->phase, w->line_text,
	    sizeof(w->line_text));
	/* One buffer today: producers put into it, consumers take from it. */
	w->from = bw->role == ROLE_CONSUMER ? 0 : -1;
	w->to = bw->role == ROLE_PRODUCER ? 0 : -1;
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
		narrate_reason(w->reason, sizeof(w->reason), s->ch->t, bw);
}

void
session_sample(struct session *s, struct snapshot *snap)
{
	const struct board_worker	*bw;
	uint32_t			 taken;
	int				 idx[WORKERS_MAX], n, i;

	strlcpy(snap->transport, s->ch->t->name, sizeof(snap->transport));
	strlcpy(snap->title, s->ch->t->title, sizeof(snap->title));
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
		else
			snap->consumed += bw->done;
		if (idx[i] == s->sel)
			snap->selected = i;
	}
	snap->nworkers = n;
	/* The count first: every item it covers was numbered before. */
	taken = s->board->nconsumed;
	audit_log(s->board->consumed, taken, s->board->next_seq,
	    s->cfg.mailbox, &snap->audit);
	audit_lost(s->board->gone, s->board->ngone, s->board->consumed, taken,
	    &snap->audit);
	snap->nobjects = snap->nbuffers = 0;
	snap->notes[0] = '\0';
	s->ch->t->sample(s->ch, snap, snapshot_add_buffer(snap, "B1"));
}
