/* What pipe.c and fifo.c share: geometry, one-item I/O, the tee(2) peek. */
#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "pipeio.h"

void
pipeio_plan(struct pipeio *io, const struct config *cfg)
{
	long	page = sysconf(_SC_PAGESIZE);
	int	per, pages = 1;

	if (page < PIPEIO_ITEM)
		page = PIPEIO_ITEM;
	io->item = PIPEIO_ITEM;
	/* No permits and no slots to show: the item is the size asked. */
	if (cfg->free_run && cfg->item_size <= PIPEIO_ITEM)
		io->item = cfg->item_size;
	per = (int)(page / PIPEIO_ITEM);
	while (pages * per < cfg->slots)
		pages *= 2;
	io->items = pages * per;
	io->bytes = (int)(pages * page);
	io->peek[0] = io->peek[1] = -1;
	io->note[0] = '\0';
	if (io->items != cfg->slots)
		snprintf(io->note, sizeof(io->note), "F_SETPIPE_SZ rounds a "
		    "pipe up to a power of two pages: %d slots asked, the pipe "
		    "holds %d items of %zu bytes (one page each)", cfg->slots,
		    io->items, io->item);
}

int
pipeio_set_size(const struct pipeio *io, int fd)
{
	int	got;

	if ((got = fcntl(fd, F_SETPIPE_SZ, io->bytes)) == -1)
		return (-1);
	if (got != io->bytes) {
		errno = EINVAL;
		return (-1);
	}
	return (0);
}

int
pipeio_error(struct channel *ch, const char *call, int err, int bytes)
{
	struct limits_ask	ask = { .bytes = (unsigned long)bytes };

	limits_explain(ch->error, sizeof(ch->error), call, err, &ask);
	return (-1);
}

int
pipeio_peek_open(struct pipeio *io, struct channel *ch)
{
	if (pipe2(io->peek, O_NONBLOCK | O_CLOEXEC) == -1) {
		io->peek[0] = io->peek[1] = -1;
		return (pipeio_error(ch, "pipe2 (the viewer's peek pipe)",
		    errno, io->bytes));
	}
	/* Room for every queued page; if refused, the peek shows fewer. */
	if (fcntl(io->peek[1], F_GETPIPE_SZ) < io->bytes)
		fcntl(io->peek[1], F_SETPIPE_SZ, io->bytes);
	return (0);
}

void
pipeio_peek_close(struct pipeio *io)
{
	int	i;

	for (i = 0; i < 2; i++) {
		if (io->peek[i] != -1)
			close(io->peek[i]);
		io->peek[i] = -1;
	}
}

int
pipeio_write(struct worker *w, int fd, const struct item *it, size_t size,
    int phase)
{
	unsigned char	buf[PIPEIO_ITEM];
	ssize_t		n;
	int		e;

	if (size > sizeof(buf) || step(w, phase) == -1)
		return (-1);
	/* Numbered by the step just granted. At most PIPE_BUF: atomic. */
	item_encode(it, buf, size);
	n = write(fd, buf, size);
	e = errno;
	if (n == (ssize_t)size) {
		step_result(w, 0, 0);
		step_item(w, NULL);
		return (0);
	}
	step_result(w, -1, n == -1 ? e : EIO);
	return (-1);
}

int
pipeio_read(struct worker *w, int fd, struct item *it, size_t size, int phase)
{
	unsigned char	buf[PIPEIO_ITEM];
	ssize_t		n;
	int		e;

	if (size > sizeof(buf) || step(w, phase) == -1)
		return (-1);
	/*
	 * Every write is one whole item in a page of its own, and a read
	 * takes the pipe's lock for its whole copy: asking for exactly one
	 * item gets exactly one, however many readers there are.
	 */
	n = read(fd, buf, size);
	e = errno;
	if (n == (ssize_t)size) {
		item_decode(buf, size, it);
		step_item(w, it);
		step_result(w, 0, 0);
		return (0);
	}
	if (n == -1) {
		step_result(w, -1, e);
		return (-1);
	}
	if (n == 0)
		step_result_eof(w);
	else
		step_result_part(w, (long)n, (long)size);
	return (-1);
}

static void
drain(int fd)
{
	unsigned char	buf[PIPEIO_ITEM];

	while (read(fd, buf, sizeof(buf)) > 0)
		continue;
}

void
pipeio_sample(struct pipeio *io, int fd, int rfd, struct snapshot *snap,
    struct snap_buffer *b, struct snap_pipe *k)
{
	unsigned char		 buf[PIPEIO_ITEM];
	struct item		 it;
	ssize_t			 n, got = 0;
	int			 queued = 0, cap, e = 0;

	b->capacity = io->items;
	b->has_inout = false;
	strlcpy(snap->notes, io->note, sizeof(snap->notes));
	if (fd < 0 || k == NULL)
		return;
	if (ioctl(fd, FIONREAD, &queued) == 0)
		k->queued = queued;
	if ((cap = fcntl(fd, F_GETPIPE_SZ)) > 0)
		k->capacity = cap;
	b->count = k->queued / (int)io->item;
	if (rfd < 0 || io->peek[0] < 0) {
		strlcpy(b->note, "counts only: no read end to peek through",
		    sizeof(b->note));
		return;
	}
	drain(io->peek[0]);
	/* tee(2) links the queued pages into our pipe: nothing is taken. */
	if (queued > 0 && (got = tee(rfd, io->peek[1], (size_t)queued,
	    SPLICE_F_NONBLOCK)) == -1)
		e = errno;
	while (b->nslots < SLOTS_MAX &&
	    (n = read(io->peek[0], buf, io->item)) == (ssize_t)io->item) {
		b->slots[b->nslots].full = true;
		if (item_decode(buf, io->item, &it) == 0) {
			b->slots[b->nslots].seq = it.seq;
			b->slots[b->nslots].producer = it.producer;
			b->slots[b->nslots].marks = it.marks;
		}
		b->nslots++;
	}
	drain(io->peek[0]);
	if (got == -1)
		snprintf(b->note, sizeof(b->note), "tee(2) failed (%s): counts "
		    "only", strerror(e));
	else
		snprintf(b->note, sizeof(b->note), "copies made with tee(2), "
		    "the items stay in the pipe; each item is one %zu-byte "
		    "page", io->item);
}
