/*
 * An anonymous pipe: the kernel's own bounded buffer. The viewer makes it
 * with pipe2() before fork and shrinks it with F_SETPIPE_SZ; producers
 * inherit the write end, consumers the read end. There are no slots to
 * pick and no lock to take: a write of at most PIPE_BUF bytes is atomic,
 * and the kernel puts a writer to sleep while the pipe is full and a
 * reader while it is empty.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "pipeio.h"

enum { PH_WRITE, PH_READ };

static const struct phase_info pipe_phases[] = {
	[PH_WRITE] = { "write", "write(p[1], item, PIPE_BUF)",
	    "item %I goes into the pipe in one atomic write: no slot to pick "
	    "and no lock to take, the kernel keeps writers apart",
	    "the pipe is full, every page holds an unread item: the writer "
	    "sleeps in write itself, there is no semaphore to wait on" },
	[PH_READ] = { "read", "read(p[0], buf, PIPE_BUF)",
	    "item %I comes out of the pipe, oldest first; a read of exactly "
	    "one item never gets half of one",
	    "the pipe is empty: the reader sleeps in read itself",
	    .partial = PIPEIO_PARTIAL, .eof = PIPEIO_EOF },
};

static const struct code_line pipe_producer[] = {
	{ CODE_PLAIN, 0, "close(p[0]);" },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WRITE, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line pipe_consumer[] = {
	{ CODE_PLAIN, 0, "close(p[1]);" },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_READ, 2, NULL },
	{ CODE_PLAIN, 2, "consume(buf);" },
	{ CODE_PLAIN, 0, "}" },
};

struct pipe_chan {
	struct channel	 base;
	struct pipeio	 io;
	int		 fd[2];		/* read end, write end */
};

static int
pipe_create(struct channel *ch, const struct config *cfg)
{
	struct pipe_chan	*c = (struct pipe_chan *)ch;

	c->fd[0] = c->fd[1] = -1;
	pipeio_plan(&c->io, cfg);
	if (pipe2(c->fd, O_CLOEXEC) == -1) {
		c->fd[0] = c->fd[1] = -1;
		return (pipeio_error(ch, "pipe2", errno, c->io.bytes));
	}
	if (pipeio_set_size(&c->io, c->fd[1]) == -1)
		return (pipeio_error(ch, "fcntl(F_SETPIPE_SZ)", errno,
		    c->io.bytes));
	ch->keep_fds[ch->nkeep_fds++] = c->fd[0];
	ch->keep_fds[ch->nkeep_fds++] = c->fd[1];
	return (pipeio_peek_open(&c->io, ch));
}

/* The textbook's first move after fork: close the end you do not use. */
static int
pipe_open(struct channel *ch, struct worker *w)
{
	struct pipe_chan	*c = (struct pipe_chan *)ch;
	int			 unused;

	unused = worker_role(w) == ROLE_PRODUCER ? 0 : 1;
	close(c->fd[unused]);
	c->fd[unused] = -1;
	return (0);
}

static int
pipe_send(struct channel *ch, const struct item *it, struct worker *w)
{
	struct pipe_chan	*c = (struct pipe_chan *)ch;

	return (pipeio_write(w, c->fd[1], it, c->io.item, PH_WRITE));
}

static int
pipe_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct pipe_chan	*c = (struct pipe_chan *)ch;

	return (pipeio_read(w, c->fd[0], it, c->io.item, PH_READ));
}

static int
pipe_sample(struct channel *ch, struct snapshot *snap, struct snap_buffer *b)
{
	struct pipe_chan	*c = (struct pipe_chan *)ch;
	struct snap_object	*o = NULL;
	struct stat		 st;

	/* The kernel names a pipe by its inode, as /proc/PID/fd shows it. */
	if (c->fd[0] >= 0 && fstat(c->fd[0], &st) == 0 &&
	    (o = snapshot_add_object(snap, OBJ_PIPE, "pipe:[%lu]",
	    (unsigned long)st.st_ino)) != NULL)
		snapshot_carries(snap, b, o);
	/* The viewer keeps both ends, so it reads FIONREAD and tees itself. */
	pipeio_sample(&c->io, c->fd[0], c->fd[0], snap, b,
	    o != NULL ? &o->u.pipe : NULL);
	return (0);
}

static void
pipe_close(struct channel *ch)
{
	struct pipe_chan	*c = (struct pipe_chan *)ch;
	int			 i;

	for (i = 0; i < 2; i++) {
		if (c->fd[i] != -1)
			close(c->fd[i]);
		c->fd[i] = -1;
	}
}

/* Closing is all there is: the pipe goes when its last descriptor does. */
static void
pipe_destroy(struct channel *ch)
{
	struct pipe_chan	*c = (struct pipe_chan *)ch;

	pipe_close(ch);
	pipeio_peek_close(&c->io);
}

/* The loops as the textbook writes them (the code panel). */
static void
pipe_code(const struct channel *ch, struct code_loop l[2])
{
	(void)ch;
	CODE_LOOP(l[ROLE_PRODUCER], pipe_producer);
	CODE_LOOP(l[ROLE_CONSUMER], pipe_consumer);
}

const struct transport transport_pipe = {
	.name = "pipe",
	.title = "Anonymous pipe",
	.chan_size = sizeof(struct pipe_chan),
	.phases = pipe_phases,
	.nphases = sizeof(pipe_phases) / sizeof(pipe_phases[0]),
	.create = pipe_create,
	.open = pipe_open,
	.send = pipe_send,
	.recv = pipe_recv,
	.sample = pipe_sample,
	.close = pipe_close,
	.destroy = pipe_destroy,
	.code = pipe_code,
	.item_max = PIPEIO_ITEM,
	.item_max_why = PIPEIO_ITEM_WHY,
};
