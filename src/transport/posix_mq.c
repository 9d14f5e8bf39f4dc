/*
 * A POSIX message queue: the kernel keeps the items, bounded by mq_maxmsg.
 * The viewer creates "/ipcscope.PID.q"; each worker opens it by name, the
 * way unrelated programs would. No slots, no lock: mq_send sleeps while
 * the queue is full and mq_receive while it is empty.
 */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"

enum { PH_OPEN_SEND, PH_OPEN_RECV, PH_SEND, PH_RECV };

static const struct phase_info posix_mq_phases[] = {
	[PH_OPEN_SEND] = { "open", "mq_open(name, O_WRONLY)",
	    "the queue is found by its name: a descriptor to send with", "",
	    .code = "q = mq_open(name, O_WRONLY);" },
	[PH_OPEN_RECV] = { "open", "mq_open(name, O_RDONLY)",
	    "the queue is found by its name: a descriptor to receive with",
	    "", .code = "q = mq_open(name, O_RDONLY);" },
	[PH_SEND] = { "send", "mq_send(q, item, size, 0)",
	    "item %I is copied into the kernel's queue: no slot to pick and "
	    "no lock to take, the kernel keeps senders apart",
	    "the queue is full, curmsgs has reached mq_maxmsg: the sender "
	    "sleeps in mq_send itself, there is no semaphore to wait on" },
	[PH_RECV] = { "receive", "mq_receive(q, buf, size, NULL)",
	    "item %I is copied out of the queue, oldest first",
	    "the queue is empty, curmsgs is 0: the receiver sleeps in "
	    "mq_receive itself" },
};

static const struct code_line posix_mq_producer[] = {
	{ PH_OPEN_SEND, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_SEND, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line posix_mq_consumer[] = {
	{ PH_OPEN_RECV, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_RECV, 2, NULL },
	{ CODE_PLAIN, 2, "consume(buf);" },
	{ CODE_PLAIN, 0, "}" },
};

struct posix_mq_chan {
	struct channel	 base;
	char		 name[64];
	bool		 made;		/* ours to unlink */
	mqd_t		 q;		/* the viewer's, or the worker's own */
	long		 maxmsg, msgsize;
	char		 note[256];	/* a limit that cut the queue */
};

static int
mq_error(struct channel *ch, const struct posix_mq_chan *c, int e)
{
	struct limits_ask	ask = { .object = c->name,
				    .bytes = (unsigned long)c->msgsize,
				    .count = (unsigned long)c->maxmsg };

	limits_explain(ch->error, sizeof(ch->error), "mq_open", e, &ask);
	return (-1);
}

static int
posix_mq_create(struct channel *ch, const struct config *cfg)
{
	struct posix_mq_chan	*c = (struct posix_mq_chan *)ch;
	struct mq_attr		 attr;
	long			 msg_max, size_max, asked;
	int			 e;

	c->q = (mqd_t)-1;
	c->note[0] = '\0';
	runfile_name(&ch->run, runfile_suffix("posix-mq"), c->name,
	    sizeof(c->name));
	msg_max = procfs_sysctl("/proc/sys/fs/mqueue/msg_max");
	size_max = procfs_sysctl("/proc/sys/fs/mqueue/msgsize_max");
	c->maxmsg = cfg->slots;
	c->msgsize = (long)cfg->item_size;
	/* Without CAP_SYS_RESOURCE even root is held to these two. */
	if (msg_max > 0 && c->maxmsg > msg_max) {
		c->maxmsg = msg_max;
		snprintf(c->note, sizeof(c->note), "%d slots asked, but "
		    "/proc/sys/fs/mqueue/msg_max is %ld: the queue holds %ld "
		    "(raise with sysctl fs.mqueue.msg_max=%d)", cfg->slots,
		    msg_max, msg_max, cfg->slots);
	}
	if (size_max >= ITEM_SIZE_MIN && c->msgsize > size_max) {
		c->msgsize = size_max;
		snprintf(c->note + strlen(c->note), sizeof(c->note) -
		    strlen(c->note), "%s--item-size %zu is more than "
		    "/proc/sys/fs/mqueue/msgsize_max (%ld): messages are %ld "
		    "bytes", c->note[0] != '\0' ? "; " : "", cfg->item_size,
		    size_max, size_max);
	}
	asked = c->maxmsg;
	memset(&attr, 0, sizeof(attr));
	if (chan_want(ch, "posix-mq", 0, c->name) == -1)
		return (-1);
	for (;;) {
		attr.mq_maxmsg = c->maxmsg;
		attr.mq_msgsize = c->msgsize;
		c->q = mq_open(c->name, O_CREAT | O_EXCL | O_RDWR,
		    0600, &attr);
		if (c->q != (mqd_t)-1 || errno != EMFILE || c->maxmsg == 1)
			break;
		/* RLIMIT_MSGQUEUE counts maxmsg * msgsize: try fewer. */
		c->maxmsg--;
	}
	if (c->q == (mqd_t)-1) {
		e = errno;
		return (mq_error(ch, c, e));
	}
	c->made = true;
	if (chan_made(ch, "posix-mq", 0, -1, c->name) == -1)
		return (-1);
	if (c->maxmsg < asked)
		snprintf(c->note, sizeof(c->note), "RLIMIT_MSGQUEUE (ulimit -q) "
		    "leaves room for %ld messages of %ld bytes, not %ld: the "
		    "queue holds %ld (raise ulimit -q)", c->maxmsg, c->msgsize,
		    asked, c->maxmsg);
	return (0);
}

static int
posix_mq_open(struct channel *ch, struct worker *w)
{
	struct posix_mq_chan	*c = (struct posix_mq_chan *)ch;
	bool			 send = worker_role(w) == ROLE_PRODUCER;
	mqd_t			 q;

	if (step(w, send ? PH_OPEN_SEND : PH_OPEN_RECV) == -1)
		return (-1);
	q = mq_open(c->name, send ? O_WRONLY : O_RDONLY);
	step_result(w, q == (mqd_t)-1 ? -1 : 0, errno);
	if (q == (mqd_t)-1)
		return (-1);
	c->q = q;
	return (0);
}

static int
posix_mq_send(struct channel *ch, const struct item *it, struct worker *w)
{
	struct posix_mq_chan	*c = (struct posix_mq_chan *)ch;
	char			 buf[ITEM_WIRE_MAX];
	int			 r, e;

	if (step(w, PH_SEND) == -1)
		return (-1);
	item_encode(it, buf, (size_t)c->msgsize);
	while ((r = mq_send(c->q, buf, (size_t)c->msgsize, 0)) == -1 &&
	    errno == EINTR)
		continue;
	e = errno;
	step_result(w, r, e);
	if (r == -1)
		return (-1);
	step_item(w, NULL);
	return (0);
}

static int
posix_mq_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct posix_mq_chan	*c = (struct posix_mq_chan *)ch;
	char			 buf[ITEM_WIRE_MAX];
	ssize_t			 n;
	int			 e;

	if (step(w, PH_RECV) == -1)
		return (-1);
	/* The buffer must hold mq_msgsize bytes, or EMSGSIZE. */
	while ((n = mq_receive(c->q, buf, (size_t)c->msgsize, NULL)) == -1 &&
	    errno == EINTR)
		continue;
	e = errno;
	if (n >= 0) {
		item_decode(buf, (size_t)n, it);
		step_item(w, it);
	}
	step_result(w, n == -1 ? -1 : 0, e);
	return (n == -1 ? -1 : 0);
}

static int
posix_mq_sample(struct channel *ch, struct snapshot *snap,
    struct snap_buffer *b)
{
	struct posix_mq_chan	*c = (struct posix_mq_chan *)ch;
	struct snap_object	*o;
	struct snap_mq		*k;
	struct mq_attr		 attr;
	int			 i;

	b->capacity = (int)c->maxmsg;
	b->has_inout = false;
	strlcpy(snap->notes, c->note, sizeof(snap->notes));
	strlcpy(b->note, "a POSIX queue cannot be read without taking the "
	    "messages: counts only", sizeof(b->note));
	if (c->q == (mqd_t)-1 || mq_getattr(c->q, &attr) == -1 ||
	    (o = snapshot_add_object(snap, OBJ_MQ, "%s", c->name)) == NULL)
		return (0);
	snapshot_carries(snap, b, o);
	k = &o->u.mq;
	strlcpy(k->name, c->name, sizeof(k->name));
	k->curmsgs = attr.mq_curmsgs;
	k->maxmsg = attr.mq_maxmsg;
	k->msgsize = attr.mq_msgsize;
	b->capacity = (int)attr.mq_maxmsg;
	b->count = (int)attr.mq_curmsgs;
	/* The kernel does not say who waits; /proc (via the workers) does. */
	for (i = 0; i < snap->nworkers; i++) {
		if (!snap->workers[i].blocked)
			continue;
		if (snap->workers[i].role == ROLE_PRODUCER)
			k->waiting_send++;
		else
			k->waiting_receive++;
	}
	return (0);
}

static void
posix_mq_close(struct channel *ch)
{
	struct posix_mq_chan	*c = (struct posix_mq_chan *)ch;

	if (c->q != (mqd_t)-1)
		mq_close(c->q);
	c->q = (mqd_t)-1;
}

/* mq_unlink and close are system calls: safe in a signal handler. */
static void
posix_mq_destroy(struct channel *ch)
{
	struct posix_mq_chan	*c = (struct posix_mq_chan *)ch;

	if (c->made)
		mq_unlink(c->name);
	c->made = false;
	posix_mq_close(ch);
}

/* The loops as the textbook writes them (the code panel). */
static void
posix_mq_code(const struct channel *ch, struct code_loop l[2])
{
	(void)ch;
	CODE_LOOP(l[ROLE_PRODUCER], posix_mq_producer);
	CODE_LOOP(l[ROLE_CONSUMER], posix_mq_consumer);
}

const struct transport transport_posix_mq = {
	.name = "posix-mq",
	.title = "POSIX message queue",
	.chan_size = sizeof(struct posix_mq_chan),
	.phases = posix_mq_phases,
	.nphases = sizeof(posix_mq_phases) / sizeof(posix_mq_phases[0]),
	.create = posix_mq_create,
	.open = posix_mq_open,
	.send = posix_mq_send,
	.recv = posix_mq_recv,
	.sample = posix_mq_sample,
	.close = posix_mq_close,
	.destroy = posix_mq_destroy,
	.code = posix_mq_code,
	.item_sysctl = "/proc/sys/fs/mqueue/msgsize_max",
};
