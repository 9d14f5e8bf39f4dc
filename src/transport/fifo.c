/*
 * A FIFO (named pipe): a pipe that unrelated processes find by its path.
 * The viewer makes it with mkfifo(2) in the run directory; each worker
 * opens it, and open waits until the other end is open too. The kernel
 * makes the pipe behind it at the first open (16 pages) and frees it at
 * the last close, so a producer shrinks it after opening.
 *
 * The viewer never opens the FIFO: an open of its own would count as a
 * reader or a writer and change whether the workers' opens block (and a
 * writer waiting in open would wake up). To read FIONREAD and tee(2) the
 * items it borrows a worker's descriptor with pidfd_getfd(2) for the time
 * of one sample: the same open file, so no count changes and nobody wakes.
 */
#include <sys/stat.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/runfile.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "pipeio.h"

enum { PH_OPEN_W, PH_OPEN_R, PH_SIZE, PH_WRITE, PH_READ };

static const struct phase_info fifo_phases[] = {
	[PH_OPEN_W] = { "open", "open(fifo, O_WRONLY)",
	    "the FIFO is open for writing", "no process has the FIFO open for "
	    "reading: open waits for a partner",
	    .code = "fd = open(fifo, O_WRONLY);" },
	[PH_OPEN_R] = { "open", "open(fifo, O_RDONLY)",
	    "the FIFO is open for reading", "no process has the FIFO open for "
	    "writing: open waits for a partner",
	    .code = "fd = open(fifo, O_RDONLY);" },
	[PH_SIZE] = { "set-size", "fcntl(fd, F_SETPIPE_SZ, size)",
	    "the FIFO's pipe is cut to the demo's size (the kernel made it "
	    "with 16 pages at the first open)", "" },
	[PH_WRITE] = { "write", "write(fd, item, PIPE_BUF)",
	    "item %I goes into the FIFO in one atomic write: no slot to pick "
	    "and no lock to take, the kernel keeps writers apart",
	    "the FIFO is full, every page holds an unread item: the writer "
	    "sleeps in write itself, there is no semaphore to wait on" },
	[PH_READ] = { "read", "read(fd, buf, PIPE_BUF)",
	    "item %I comes out of the FIFO, oldest first; a read of exactly "
	    "one item never gets half of one",
	    "the FIFO is empty: the reader sleeps in read itself",
	    .partial = PIPEIO_PARTIAL, .eof = PIPEIO_EOF },
};

static const struct code_line fifo_producer[] = {
	{ PH_OPEN_W, 0, NULL },
	{ PH_SIZE, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WRITE, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line fifo_consumer[] = {
	{ PH_OPEN_R, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_READ, 2, NULL },
	{ CODE_PLAIN, 2, "consume(buf);" },
	{ CODE_PLAIN, 0, "}" },
};

struct fifo_chan {
	struct channel	 base;
	struct pipeio	 io;
	char		 path[PATH_MAX];
	bool		 made;		/* ours to unlink */
	dev_t		 dev;
	ino_t		 ino;
	int		 fd;		/* a worker's own end */
};

static int
fifo_create(struct channel *ch, const struct config *cfg)
{
	struct fifo_chan	*c = (struct fifo_chan *)ch;
	char			 name[64];
	struct stat		 st;

	c->fd = -1;
	pipeio_plan(&c->io, cfg);
	/* In the run directory: "ipcscope.TAG.fifo", as clean expects. */
	runfile_name(&ch->run, runfile_suffix("fifo"), name, sizeof(name));
	if (snprintf(c->path, sizeof(c->path), "%s/%s", ch->run.dir,
	    name + 1) >= (int)sizeof(c->path)) {
		c->path[0] = '\0';
		return (pipeio_error(ch, "mkfifo", ENAMETOOLONG, c->io.bytes));
	}
	if (chan_want(ch, "fifo", 0, name + 1) == -1)
		return (-1);
	if (mkfifo(c->path, 0600) == -1)
		return (pipeio_error(ch, "mkfifo", errno, c->io.bytes));
	c->made = true;
	if (chan_made(ch, "fifo", 0, -1, name + 1) == -1)
		return (-1);
	if (stat(c->path, &st) == -1)
		return (pipeio_error(ch, "stat", errno, c->io.bytes));
	c->dev = st.st_dev;
	c->ino = st.st_ino;
	return (pipeio_peek_open(&c->io, ch));
}

static int
fifo_open(struct channel *ch, struct worker *w)
{
	struct fifo_chan	*c = (struct fifo_chan *)ch;
	bool			 wr = worker_role(w) == ROLE_PRODUCER;
	int			 fd, r, e;

	if (step(w, wr ? PH_OPEN_W : PH_OPEN_R) == -1)
		return (-1);
	fd = open(c->path, (wr ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
	e = errno;
	step_result(w, fd == -1 ? -1 : 0, e);
	if (fd == -1)
		return (-1);
	c->fd = fd;
	if (!wr)
		return (0);
	/* Before this producer's first write; a consumer never needs to. */
	if (step(w, PH_SIZE) == -1)
		return (-1);
	r = pipeio_set_size(&c->io, fd);
	e = errno;
	step_result(w, r, e);
	return (r);
}

static int
fifo_send(struct channel *ch, const struct item *it, struct worker *w)
{
	struct fifo_chan	*c = (struct fifo_chan *)ch;

	return (pipeio_write(w, c->fd, it, c->io.item, PH_WRITE));
}

static int
fifo_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct fifo_chan	*c = (struct fifo_chan *)ch;

	return (pipeio_read(w, c->fd, it, c->io.item, PH_READ));
}

/* The number of pid's descriptor for our FIFO, or -1. */
static int
find_fd(const struct fifo_chan *c, pid_t pid)
{
	struct dirent	*de;
	struct stat	 st;
	char		 p[320];
	DIR		*d;
	int		 fd = -1;

	snprintf(p, sizeof(p), "/proc/%d/fd", (int)pid);
	if ((d = opendir(p)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "/proc/%d/fd/%s", (int)pid, de->d_name);
		if (stat(p, &st) == 0 && st.st_ino == c->ino &&
		    st.st_dev == c->dev) {
			fd = atoi(de->d_name);
			break;
		}
	}
	closedir(d);
	return (fd);
}

/* A copy of a worker's descriptor: the same open file, not a new open. */
static int
borrow(const struct fifo_chan *c, pid_t pid, int *err)
{
	int	pidfd, target, fd;

	if ((target = find_fd(c, pid)) == -1)
		return (-1);
	if ((pidfd = (int)syscall(SYS_pidfd_open, pid, 0)) == -1) {
		*err = errno;
		return (-1);
	}
	if ((fd = (int)syscall(SYS_pidfd_getfd, pidfd, target, 0)) == -1)
		*err = errno;
	close(pidfd);
	return (fd);
}

static int
fifo_sample(struct channel *ch, struct snapshot *snap, struct snap_buffer *b)
{
	struct fifo_chan	*c = (struct fifo_chan *)ch;
	const struct snap_worker *sw;
	struct snap_object	*o;
	struct snap_pipe	*k = NULL;
	int			 rfd = -1, wfd = -1, err = 0, i;

	if ((o = snapshot_add_object(snap, OBJ_FIFO, "%s", c->path)) != NULL) {
		snapshot_carries(snap, b, o);
		k = &o->u.pipe;
		strlcpy(k->path, c->path, sizeof(k->path));
	}
	/* A reader's descriptor can be teed; a writer's gives counts only. */
	for (i = 0; i < snap->nworkers && rfd == -1; i++) {
		sw = &snap->workers[i];
		if (sw->alive && sw->role == ROLE_CONSUMER)
			rfd = borrow(c, sw->pid, &err);
	}
	for (i = 0; i < snap->nworkers && rfd == -1 && wfd == -1; i++) {
		sw = &snap->workers[i];
		if (sw->alive && sw->role == ROLE_PRODUCER)
			wfd = borrow(c, sw->pid, &err);
	}
	pipeio_sample(&c->io, rfd != -1 ? rfd : wfd, rfd, snap, b, k);
	if (rfd == -1 && wfd == -1) {
		if (err != 0)
			snprintf(b->note, sizeof(b->note), "pidfd_getfd(2) on "
			    "a worker's FIFO failed (%s): nothing to show",
			    strerror(err));
		else
			strlcpy(b->note, "no worker has the FIFO open yet (one "
			    "waiting in open has no descriptor): nothing to "
			    "look through", sizeof(b->note));
	} else if (rfd == -1)
		strlcpy(b->note, "counts only: no reader has the FIFO open to "
		    "peek through", sizeof(b->note));
	if (rfd != -1)
		close(rfd);
	if (wfd != -1)
		close(wfd);
	return (0);
}

static void
fifo_close(struct channel *ch)
{
	struct fifo_chan	*c = (struct fifo_chan *)ch;

	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
}

/* unlink and close are system calls: safe in a signal handler. */
static void
fifo_destroy(struct channel *ch)
{
	struct fifo_chan	*c = (struct fifo_chan *)ch;

	if (c->made)
		unlink(c->path);
	c->made = false;
	fifo_close(ch);
	pipeio_peek_close(&c->io);
}

/* The loops as the textbook writes them (the code panel). */
static void
fifo_code(const struct channel *ch, struct code_loop l[2])
{
	(void)ch;
	CODE_LOOP(l[ROLE_PRODUCER], fifo_producer);
	CODE_LOOP(l[ROLE_CONSUMER], fifo_consumer);
}

const struct transport transport_fifo = {
	.name = "fifo",
	.title = "FIFO (named pipe)",
	.chan_size = sizeof(struct fifo_chan),
	.phases = fifo_phases,
	.nphases = sizeof(fifo_phases) / sizeof(fifo_phases[0]),
	.create = fifo_create,
	.open = fifo_open,
	.send = fifo_send,
	.recv = fifo_recv,
	.sample = fifo_sample,
	.close = fifo_close,
	.destroy = fifo_destroy,
	.code = fifo_code,
	.item_max = PIPEIO_ITEM,
	.item_max_why = PIPEIO_ITEM_WHY,
};
