/*
 * A worker of a --graph stage: a source makes items into its buffer, a
 * filter takes one from its input, adds its stage's mark and puts it
 * into its output, a sink takes them and logs them for the audit. Each
 * call goes through the transport of the buffer it touches, with the
 * role it plays there (the transports stay one-channel).
 */
#include <string.h>

#include "ipcscope/graph.h"
#include "ipcscope/limits.h"
#include "ipcscope/worker.h"

/* Make ch the channel of the next calls, with the role played on it. */
static void
use(struct worker *w, struct channel *ch, int c, enum role as, int id)
{
	w->ch = ch;
	w->as = as;
	w->chan_id = id;
	w->bw->chan = c;
	w->bw->t = ch->t;
}

/* The reader's number on its buffer (1, 2...: the mtype a broadcast
 * addresses), counting the processes of the stages that read it. */
static int
reader_number(const struct graph *g, int stage, int id)
{
	int	i, n = 0;

	for (i = 0; i < stage; i++)
		if (g->stages[i].in == g->stages[stage].in)
			n += g->stages[i].count;
	return (n + id);
}

static int
readers_of(const struct graph *g, int e)
{
	int	i, n = 0;

	for (i = 0; i < g->nstages; i++)
		if (g->stages[i].in == e)
			n += g->stages[i].count;
	return (n);
}

/* The item into the stage's output: once, or once per reader. */
static int
put(struct worker *w, struct channel *const *chs, const struct graph *g,
    const struct graph_stage *st, struct item *it)
{
	const struct graph_edge	*e = &g->edges[st->out];
	int			 r, n;

	use(w, chs[st->out], st->out, ROLE_PRODUCER, w->bw->id);
	if (!e->broadcast)
		return (w->ch->t->send(w->ch, it, w));
	n = readers_of(g, st->out);
	for (r = 1; r <= n; r++) {
		w->addr = r;
		if (r > 1) {
			w->item_start = true;	/* each copy its own permit */
			step_item(w, it);	/* and it carries the item */
		}
		if (w->ch->t->send(w->ch, it, w) == -1)
			return (-1);
	}
	w->addr = 0;
	return (0);
}

void
graph_worker_run(struct channel *const *chs, const struct graph *g,
    int index, bool keep_stderr)
{
	struct board_worker		*bw = &chs[0]->board->w[index];
	const struct graph_stage	*st = &g->stages[bw->stage];
	struct worker			 w;
	struct item			 got;
	unsigned			 mask = 0;
	int				 shift;

	if (st->in != -1)
		mask |= 1u << st->in;
	if (st->out != -1)
		mask |= 1u << st->out;
	worker_prepare(chs, g->nedges, mask, index, keep_stderr);
	memset(&w, 0, sizeof(w));
	w.board = chs[0]->board;
	w.bw = bw;
	w.item_start = true;
	/* The viewer stops the run when it sees failed: set it first. */
	if (st->in != -1) {
		use(&w, chs[st->in], st->in, ROLE_CONSUMER,
		    reader_number(g, bw->stage, bw->id));
		if (w.ch->t->open(w.ch, &w) == -1)
			goto failed;
	}
	if (st->out != -1) {
		use(&w, chs[st->out], st->out, ROLE_PRODUCER, bw->id);
		if (w.ch->t->open(w.ch, &w) == -1)
			goto failed;
	}
	for (;;) {
		w.item_start = true;
		if (st->in == -1) {
			memset(&w.item, 0, sizeof(w.item));
			w.item.producer = (uint16_t)bw->id;
			if (put(&w, chs, g, st, &w.item) == -1)
				break;
			bw->done++;
			continue;
		}
		use(&w, chs[st->in], st->in, ROLE_CONSUMER,
		    reader_number(g, bw->stage, bw->id));
		if (w.ch->t->recv(w.ch, &got, &w) == -1)
			break;
		if (st->out == -1) {
			worker_record(w.board, &got, index + 1, bw->stage);
			step_item(&w, NULL);
			bw->done++;
			continue;
		}
		/* The filter's one visible act: its mark on the item. */
		for (shift = 0; shift < 32 && (got.marks >> shift & 0xff);
		    shift += 8)
			continue;
		if (shift < 32)
			got.marks |= (uint32_t)(bw->stage + 1) << shift;
		got.mtype = 0;
		w.item = got;
		step_item(&w, &w.item);
		if (put(&w, chs, g, st, &w.item) == -1)
			break;
		step_item(&w, NULL);
		bw->done++;
	}
	/* Gone objects or a gone partner end a worker; a limit ends the run. */
	if (limits_hit(w.ch->t->phases[bw->phase].call, bw->last_errno))
		bw->failed = WF_LIMIT;
	if (st->in != -1 && chs[st->in]->t->close != NULL)
		chs[st->in]->t->close(chs[st->in]);
	if (st->out != -1 && chs[st->out]->t->close != NULL)
		chs[st->out]->t->close(chs[st->out]);
	worker_leave(1);
failed:
	bw->failed = WF_OPEN;
	worker_leave(1);
}
