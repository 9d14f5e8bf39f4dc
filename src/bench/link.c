/* A bench link: one transport's objects, made and removed as the demo's. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/runfile.h"
#include "ipcscope/xmalloc.h"
#include "bench_int.h"

int
link_open(struct link *l, const struct config *base,
    const struct transport *t, size_t size, char *err, size_t errlen)
{
	char	dir[PATH_MAX];
	mode_t	mask;

	memset(l, 0, sizeof(*l));
	l->cfg = *base;
	l->cfg.transport = t;
	l->cfg.item_size = size;
	l->cfg.producers = l->cfg.consumers = 1;
	l->cfg.mailbox = l->cfg.unsafe = l->cfg.undo = false;
	l->cfg.free_run = true;
	if ((l->board = board_create()) == NULL) {
		snprintf(err, errlen, "cannot map the board: %s",
		    strerror(errno));
		return (-1);
	}
	l->board->granularity = GRAIN_ITEM;
	l->board->free_run = 1;
	l->ch = xcalloc(1, t->chan_size);
	l->ch->t = t;
	l->ch->cfg = &l->cfg;
	l->ch->board = l->board;
	l->ch->viewer = getpid();
	l->ch->run.fd = -1;
	mask = umask(077);
	if (runfile_dir(dir, sizeof(dir), err, errlen) == -1 ||
	    runfile_create(&l->ch->run, dir, err, errlen) == -1) {
		umask(mask);
		link_close(l);
		return (-1);
	}
	l->made = true;
	if (t->create(l->ch, &l->cfg) == -1) {
		umask(mask);
		snprintf(err, errlen, "%s", l->ch->error);
		link_close(l);
		return (-1);
	}
	umask(mask);
	l->widx[ROLE_PRODUCER] = board_claim(l->board, ROLE_PRODUCER, 1);
	l->widx[ROLE_CONSUMER] = board_claim(l->board, ROLE_CONSUMER, 1);
	return (0);
}

void
link_close(struct link *l)
{
	if (l->ch != NULL) {
		/* destroy() is idempotent and takes half-made objects, but
		 * only once create() has set them up. */
		if (l->made)
			l->ch->t->destroy(l->ch);
		if (l->ch->run.path[0] != '\0')
			runfile_remove(&l->ch->run);
		free(l->ch);
		l->ch = NULL;
	}
	if (l->board != NULL)
		board_destroy(l->board);
	l->board = NULL;
}

int
link_worker(struct link *l, enum role role, struct worker *w)
{
	memset(w, 0, sizeof(*w));
	w->ch = l->ch;
	w->board = l->board;
	w->bw = &l->board->w[l->widx[role]];
	w->bw->pid = getpid();
	/* What the transport sees: its role and its id (worker_role,
	 * worker_id), as worker_run gives them. */
	w->as = role;
	w->chan_id = w->bw->id;
	w->item_start = true;
	/* Quiet once open: the viewer's snapshots are not the bench. */
	if (l->ch->t->open(l->ch, w) == -1)
		return (-1);
	w->quiet = true;
	/* No screen reads these items: header and filler, no text. */
	item_plain = 1;
	return (0);
}
