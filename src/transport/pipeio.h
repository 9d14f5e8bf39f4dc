/*
 * What the pipe and FIFO transports share: the buffer's geometry, the
 * one-item write and read, and the viewer's look inside with tee(2).
 * Private to src/transport.
 *
 * Geometry. A pipe is a ring of pages; F_SETPIPE_SZ rounds its size up to
 * a power of two pages. A write that does not fill a page leaves the rest
 * of that page to later writes, but only at its end: space a reader has
 * freed at the front of a page comes back only when the whole page is
 * read. So an item of one whole page (PIPE_BUF here) is the only size for
 * which "N items fill it and the next write blocks" holds at every moment,
 * not just from empty. Items are therefore PIPE_BUF bytes (a write of at
 * most PIPE_BUF is atomic), and --item-size does not apply.
 */
#ifndef IPCSCOPE_PIPEIO_H
#define IPCSCOPE_PIPEIO_H

#include <limits.h>
#include <stddef.h>

#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"

#define PIPEIO_ITEM	PIPE_BUF
/* Free running (bench, --free) the item is --item-size, up to PIPE_BUF. */
#define PIPEIO_ITEM_WHY	"a pipe write of more than PIPE_BUF bytes is not " \
	"atomic, and the transport reads one whole item per read(2)"

struct pipeio {
	size_t	item;		/* bytes per item */
	int	items;		/* items the pipe holds */
	int	bytes;		/* what F_SETPIPE_SZ is asked for */
	int	peek[2];	/* the viewer's private pipe for tee(2) */
	char	note[256];	/* how the size came out, for snap->notes */
};

/* Work out item size and pipe size for cfg->slots; fill note if rounded. */
void	pipeio_plan(struct pipeio *, const struct config *);
/* F_SETPIPE_SZ on fd; 0, or -1 with errno set. */
int	pipeio_set_size(const struct pipeio *, int fd);
/* One line for ch->error naming the /proc/sys/fs limit behind err; bytes
 * is the pipe size that was asked for. */
int	pipeio_error(struct channel *, const char *call, int err, int bytes);
/* The private pipe the viewer tees into; -1 with ch->error set. */
int	pipeio_peek_open(struct pipeio *, struct channel *);
void	pipeio_peek_close(struct pipeio *);

/* Producer: one step, one write of one whole item. */
int	pipeio_write(struct worker *, int fd, const struct item *, size_t,
	    int phase);
/* Consumer: one step, one read of one whole item; -1 at end of file. */
int	pipeio_read(struct worker *, int fd, struct item *, size_t, int phase);

/* Viewer: FIONREAD and F_GETPIPE_SZ on fd, then (rfd >= 0, a read end)
 * the queued items, tee'd without taking them, into snap->buffer. */
/* Into k (the pipe's or FIFO's object) and b: FIONREAD and F_GETPIPE_SZ
 * on fd, the items teed from rfd; fd -1 for none, rfd -1 for counts only. */
/* What a read of one page-sized item can come to, besides a whole one. */
#define PIPEIO_PARTIAL	"it got %G of %W bytes, part of an item"
#define PIPEIO_EOF	"it returns 0, end of file: no process has the " \
			"write end open any more"

void	pipeio_sample(struct pipeio *, int fd, int rfd, struct snapshot *,
	    struct snap_buffer *, struct snap_pipe *k);

#endif
