/*
 * Unix-domain sockets: one socketpair, producers write to one end and
 * consumers read the other. unix-stream is a byte stream (no message
 * boundaries), unix-dgram keeps each item as one datagram.
 *
 * The kernel bounds a socketpair by memory, not items: each write is
 * charged to the writer's SO_SNDBUF at its skb truesize until a reader
 * takes it, and a writer sleeps in sock_alloc_send_pskb once SIOCOUTQ
 * reaches SO_SNDBUF. SO_RCVBUF plays no part, and max_dgram_qlen does not
 * apply to a socketpair (the receiver's peer is the sender). So create()
 * measures one item's truesize on a scratch pair, sizes SO_SNDBUF for
 * --slots items, and fills a second scratch pair to measure the capacity.
 */
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/sockios.h>

#include <errno.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"

#define END_W	0		/* producers write sv[0] */
#define END_R	1		/* consumers read sv[1] */

enum {
	PH_WLOCK, PH_WRITE, PH_WUNLOCK,
	PH_RLOCK, PH_READ, PH_READ_REST, PH_RUNLOCK
};

#define BLOCKED_SNDBUF	"SO_SNDBUF is used up by queued items, and a sleeping " \
	"writer is woken only once readers drain it below a quarter"

/* A stream keeps no boundaries: a read may bring part of an item. */
#define STREAM_PARTIAL	"got %G of %W bytes%H; a stream keeps no message " \
			"boundaries, so the rest is read as a further step"
#define STREAM_LAST	"got the last %R bytes: item %I is whole"

static const struct phase_info unix_stream_phases[] = {
	[PH_WLOCK] = { "write-lock", "sem_wait(wlock)",
	    "this producer alone writes now, so its item's pieces stay "
	    "together", "another producer is writing an item" },
	[PH_WRITE] = { "write", "send(sock, item, size, 0)",
	    "item %I is queued on the socket as bytes", BLOCKED_SNDBUF },
	[PH_WUNLOCK] = { "write-unlock", "sem_post(wlock)",
	    "other producers may write", "" },
	[PH_RLOCK] = { "read-lock", "sem_wait(rlock)",
	    "this consumer alone reads now, so no other takes the rest of "
	    "its item", "another consumer is reading an item" },
	[PH_READ] = { "read", "recv(sock, buf, size, MSG_WAITALL)",
	    "item %I comes out whole", "nothing is queued: the socket is "
	    "empty", .partial = STREAM_PARTIAL, .last = STREAM_LAST,
	    .code = "got = recv(sock, buf, size, MSG_WAITALL);" },
	[PH_READ_REST] = { "read-rest",
	    "recv(sock, buf + got, size - got, MSG_WAITALL)",
	    "the rest of item %I comes out", "the rest of the item is not "
	    "queued yet", .partial = STREAM_PARTIAL, .last = STREAM_LAST,
	    .code = "got += recv(sock, buf + got, size - got, MSG_WAITALL);" },
	[PH_RUNLOCK] = { "read-unlock", "sem_post(rlock)",
	    "other consumers may read", "" },
};

enum { PH_SEND, PH_RECV };

static const struct phase_info unix_dgram_phases[] = {
	[PH_SEND] = { "send", "send(sock, item, size, 0)",
	    "item %I is queued as one datagram", BLOCKED_SNDBUF },
	[PH_RECV] = { "recv", "recv(sock, buf, size, 0)",
	    "item %I comes out as one whole datagram", "no datagram is "
	    "queued" },
};

/* A stream whose item spans skbs takes a lock per side (split). */
static const struct code_line unix_stream_producer[] = {
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WLOCK, 2, NULL },
	{ PH_WRITE, 2, NULL },
	{ PH_WUNLOCK, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line unix_stream_consumer[] = {
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_RLOCK, 2, NULL },
	{ PH_READ, 2, NULL },
	{ CODE_PLAIN, 2, "while (got < size)" },
	{ PH_READ_REST, 4, NULL },
	{ PH_RUNLOCK, 2, NULL },
	{ CODE_PLAIN, 2, "consume(buf);" },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line unix_dgram_producer[] = {
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_SEND, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line unix_dgram_consumer[] = {
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_RECV, 2, NULL },
	{ CODE_PLAIN, 2, "consume(buf);" },
	{ CODE_PLAIN, 0, "}" },
};

/* Shared by the viewer and the workers: made before fork. */
struct unix_shared {
	sem_t		 wlock, rlock;
	_Atomic int	 head_taken;	/* bytes of the head item already read */
	_Atomic uint32_t head_seq;
	_Atomic int	 head_producer;
};

struct unix_chan {
	struct channel		 base;
	int			 type;		/* SOCK_STREAM or SOCK_DGRAM */
	int			 sv[2];
	int			 role_end;	/* a worker's own end */
	struct unix_shared	*sh;
	int			 truesize;	/* skb memory one item costs */
	int			 capacity;	/* whole items before a writer sleeps */
	int			 cap_partial;	/* bytes of the next one it gets in */
	int			 unit;		/* bytes one skb carries at most */
	bool			 split;		/* an item may span skbs: lock */
};

static int
sock_int(int fd, int opt)
{
	socklen_t	len = sizeof(int);
	int		v = -1;

	if (getsockopt(fd, SOL_SOCKET, opt, &v, &len) == -1)
		return (-1);
	return (v);
}

static int
sock_ioctl(int fd, unsigned long req)
{
	int	v = -1;

	if (ioctl(fd, req, &v) == -1)
		return (-1);
	return (v);
}

/* A scratch socketpair with the given SO_SNDBUF (0: the default). */
static int
scratch_pair(int type, int sndbuf, int sv[2])
{
	if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) == -1)
		return (-1);
	if (sndbuf > 0)
		setsockopt(sv[END_W], SOL_SOCKET, SO_SNDBUF, &sndbuf,
		    sizeof(sndbuf));
	return (0);
}

/* The skb memory one item costs: SIOCOUTQ after one write to an empty pair. */
static int
measure_truesize(int type, const void *buf, size_t size)
{
	int	sv[2], ts = -1;

	if (scratch_pair(type, 0, sv) == -1)
		return (-1);
	if (send(sv[END_W], buf, size, MSG_DONTWAIT) == (ssize_t)size)
		ts = sock_ioctl(sv[END_W], SIOCOUTQ);
	close(sv[0]);
	close(sv[1]);
	return (ts);
}

/*
 * Fill a pair made like the real one, without blocking: the whole items
 * that fit are what a blocking producer gets in before it sleeps.
 */
static int
measure_capacity(struct unix_chan *c, int sndbuf, const void *buf, size_t size)
{
	ssize_t	r;
	int	sv[2];

	if (scratch_pair(c->type, sndbuf, sv) == -1)
		return (-1);
	c->capacity = 0;
	c->cap_partial = 0;
	while ((r = send(sv[END_W], buf, size, MSG_DONTWAIT)) == (ssize_t)size &&
	    c->capacity < 100000)
		c->capacity++;
	if (r > 0)
		c->cap_partial = (int)r;
	close(sv[0]);
	close(sv[1]);
	return (0);
}

static int
unix_create(struct channel *ch, const struct config *cfg)
{
	struct unix_chan	*c = (struct unix_chan *)ch;
	unsigned char		 buf[ITEM_WIRE_MAX];
	struct item		 it = { .seq = 0, .producer = 1, .mtype = 0 };
	int			 val;

	c->sv[0] = c->sv[1] = c->role_end = -1;
	c->type = ch->t->phases == unix_stream_phases ? SOCK_STREAM :
	    SOCK_DGRAM;
	item_encode(&it, buf, cfg->item_size);
	if ((c->truesize = measure_truesize(c->type, buf, cfg->item_size)) <= 0) {
		limits_explain(ch->error, sizeof(ch->error), "socketpair",
		    errno, NULL);
		return (-1);
	}
	c->sh = mmap(NULL, sizeof(*c->sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c->sh == MAP_FAILED) {
		c->sh = NULL;
		limits_explain(ch->error, sizeof(ch->error), "mmap", errno,
		    NULL);
		return (-1);
	}
	sem_init(&c->sh->wlock, 1, 1);
	sem_init(&c->sh->rlock, 1, 1);
	if (socketpair(AF_UNIX, c->type, 0, c->sv) == -1) {
		c->sv[0] = c->sv[1] = -1;
		limits_explain(ch->error, sizeof(ch->error), "socketpair",
		    errno, NULL);
		return (-1);
	}
	/* The kernel doubles the value it is given. */
	val = (cfg->slots * c->truesize + 1) / 2;
	if (setsockopt(c->sv[END_W], SOL_SOCKET, SO_SNDBUF, &val,
	    sizeof(val)) == -1 || setsockopt(c->sv[END_R], SOL_SOCKET,
	    SO_RCVBUF, &val, sizeof(val)) == -1) {
		snprintf(ch->error, sizeof(ch->error), "setsockopt(SO_SNDBUF): "
		    "%s", strerror(errno));
		return (-1);
	}
	if (measure_capacity(c, val, buf, cfg->item_size) == -1) {
		limits_explain(ch->error, sizeof(ch->error), "socketpair",
		    errno, NULL);
		return (-1);
	}
	/* net/unix/af_unix.c: a stream write is cut into skbs of at most
	 * SO_SNDBUF/2 - 64 bytes, and another writer's skbs may come between. */
	c->unit = sock_int(c->sv[END_W], SO_SNDBUF) / 2 - 64;
	c->split = c->type == SOCK_STREAM && (int)cfg->item_size > c->unit;
	ch->keep_fds[0] = c->sv[0];
	ch->keep_fds[1] = c->sv[1];
	ch->nkeep_fds = 2;
	return (0);
}

static int
unix_open(struct channel *ch, struct worker *w)
{
	struct unix_chan	*c = (struct unix_chan *)ch;
	int			 mine;

	mine = worker_role(w) == ROLE_PRODUCER ? END_W : END_R;
	close(c->sv[1 - mine]);
	c->sv[1 - mine] = -1;
	c->role_end = c->sv[mine];
	return (0);
}

/* A semaphore wait or post as one step. */
static int
lock_step(struct worker *w, int phase, sem_t *s, bool take, const char *name)
{
	int	r, e;

	if (step(w, phase) == -1)
		return (-1);
	if (take)
		while ((r = sem_wait(s)) == -1 && errno == EINTR)
			continue;
	else
		r = sem_post(s);
	e = errno;
	if (r == 0)
		step_holds(w, take ? name : "");
	step_result(w, r, e);
	return (r);
}

static int
unix_send(struct channel *ch, const struct item *it, struct worker *w)
{
	struct unix_chan	*c = (struct unix_chan *)ch;
	unsigned char		 buf[ITEM_WIRE_MAX];
	size_t			 size = ch->cfg->item_size;
	ssize_t			 r;
	int			 e;

	if (c->split && lock_step(w, PH_WLOCK, &c->sh->wlock, true,
	    "wlock") == -1)
		return (-1);
	if (step(w, c->type == SOCK_STREAM ? PH_WRITE : PH_SEND) == -1)
		return (-1);
	item_encode(it, buf, size);	/* numbered by its first step */
	/* A blocking stream send returns only when every byte is queued. */
	r = send(c->role_end, buf, size, MSG_NOSIGNAL);
	e = errno;
	step_result(w, r == (ssize_t)size ? 0 : -1, r == -1 ? e : EIO);
	if (r != (ssize_t)size)
		return (-1);
	step_item(w, NULL);
	if (!c->split)
		return (0);
	/*
	 * A consumer may take the item before the unlock step: count it as
	 * produced now, and hand the count back for worker_run to make.
	 */
	step_done(w, +1);
	r = lock_step(w, PH_WUNLOCK, &c->sh->wlock, false, "wlock");
	step_done(w, -1);
	return (r == -1 ? -1 : 0);
}

static void
note_head(struct unix_chan *c, int taken, const struct item *it)
{
	c->sh->head_seq = it->seq;
	c->sh->head_producer = it->producer;
	c->sh->head_taken = taken;
}

static int
unix_stream_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct unix_chan	*c = (struct unix_chan *)ch;
	unsigned char		 buf[ITEM_WIRE_MAX];
	size_t			 size = ch->cfg->item_size, got = 0;
	ssize_t			 r;
	int			 e;

	memset(it, 0, sizeof(*it));
	if (c->split && lock_step(w, PH_RLOCK, &c->sh->rlock, true,
	    "rlock") == -1)
		return (-1);
	/*
	 * MSG_WAITALL: an item wider than one skb comes out whole in one
	 * call. Without it a reader asleep on an empty socket wakes at the
	 * first skb and may take it before the writer queues the next, or
	 * not: the log would depend on who ran first. A short count is now
	 * an end of file or a signal, and the rest is read as a further step.
	 */
	while (got < size) {
		if (step(w, got == 0 ? PH_READ : PH_READ_REST) == -1)
			return (-1);
		r = recv(c->role_end, buf + got, size - got, MSG_WAITALL);
		e = errno;
		if (r <= 0) {
			step_result(w, -1, r == 0 ? EPIPE : e);
			return (-1);
		}
		got += (size_t)r;
		if (got >= ITEM_WIRE_HDR && (size_t)r == got) {
			item_decode(buf, size, it);
			step_item(w, it);
		}
		if (got < size) {
			/* A stream keeps no boundaries: say what came. */
			note_head(c, (int)got, it);
			step_result_part(w, (long)got, (long)size);
		} else if ((size_t)r < size) {
			note_head(c, 0, it);
			step_result_last(w, (long)r);
		} else
			step_result(w, 0, 0);
	}
	if (it->seq == 0 && item_decode(buf, size, it) == 0)
		step_item(w, it);
	if (c->split && lock_step(w, PH_RUNLOCK, &c->sh->rlock, false,
	    "rlock") == -1)
		return (-1);
	return (0);
}

static int
unix_dgram_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct unix_chan	*c = (struct unix_chan *)ch;
	unsigned char		 buf[ITEM_WIRE_MAX];
	size_t			 size = ch->cfg->item_size;
	ssize_t			 r;
	int			 e;

	if (step(w, PH_RECV) == -1)
		return (-1);
	r = recv(c->role_end, buf, size, 0);
	e = errno;
	if (r != (ssize_t)size) {
		step_result(w, -1, r == -1 ? e : EIO);
		return (-1);
	}
	item_decode(buf, size, it);
	step_item(w, it);
	step_result(w, 0, 0);
	return (0);
}

static void
slot_put(struct snap_buffer *b, const void *buf, size_t len)
{
	struct item	it;
	int		i;

	if (b->nslots >= SLOTS_MAX)
		return;
	i = b->nslots++;
	b->count++;
	b->slots[i].full = true;
	/* A partial item shorter than the header has no number to show. */
	if (item_decode(buf, len, &it) == -1)
		return;
	b->slots[i].seq = it.seq;
	b->slots[i].producer = it.producer;
	b->slots[i].marks = it.marks;
}

/*
 * The queued items in order, peeked from the viewer's own descriptor of
 * the reading end. SO_PEEK_OFF makes each MSG_PEEK start where the last
 * one stopped; for a datagram socket that is the only way past the first.
 * Returns the bytes of a partial item at the tail, or -1 if SO_PEEK_OFF
 * is refused.
 */
static int
peek_items(struct unix_chan *c, struct snap_buffer *b, int off)
{
	unsigned char	buf[ITEM_WIRE_MAX];
	size_t		size = c->base.cfg->item_size;
	ssize_t		r;
	int		none = -1, tail = 0;

	if (setsockopt(c->sv[END_R], SOL_SOCKET, SO_PEEK_OFF, &off,
	    sizeof(off)) == -1) {
		/* Without it, only the head can be seen. */
		if ((r = recv(c->sv[END_R], buf, size, MSG_PEEK |
		    MSG_DONTWAIT)) == (ssize_t)size)
			slot_put(b, buf, size);
		return (-1);
	}
	while (b->nslots < SLOTS_MAX) {
		r = recv(c->sv[END_R], buf, size, MSG_PEEK | MSG_DONTWAIT);
		if (r <= 0)
			break;
		if (r < (ssize_t)size) {
			slot_put(b, buf, (size_t)r);
			tail = (int)r;
			break;
		}
		slot_put(b, buf, size);
	}
	setsockopt(c->sv[END_R], SOL_SOCKET, SO_PEEK_OFF, &none, sizeof(none));
	return (tail);
}

static int
unix_sample(struct channel *ch, struct snapshot *snap, struct snap_buffer *b)
{
	struct unix_chan	*c = (struct unix_chan *)ch;
	struct snap_object	*o;
	struct snap_sock	*k;
	struct stat		 st;
	size_t			 size = ch->cfg->item_size;
	int			 head, off = 0, tail, i;

	/* A socket is named by its inode, as /proc/PID/fd and ss show it. */
	if (c->sv[END_R] == -1 || fstat(c->sv[END_R], &st) == -1 ||
	    (o = snapshot_add_object(snap, OBJ_SOCKET, "socket:[%lu]",
	    (unsigned long)st.st_ino)) == NULL)
		return (0);
	snapshot_carries(snap, b, o);
	k = &o->u.sock;
	k->stream = c->type == SOCK_STREAM;
	k->inq = sock_ioctl(c->sv[END_R], SIOCINQ);
	k->outq = sock_ioctl(c->sv[END_W], SIOCOUTQ);
	k->sndbuf = sock_int(c->sv[END_W], SO_SNDBUF);
	k->rcvbuf = sock_int(c->sv[END_R], SO_RCVBUF);
	b->capacity = c->capacity;
	b->has_inout = false;

	head = k->stream ? c->sh->head_taken : 0;
	if (head > 0 && k->inq > 0) {
		/* A consumer has read the front of this item: the rest waits. */
		b->slots[0].full = true;
		b->slots[0].seq = c->sh->head_seq;
		b->slots[0].producer = c->sh->head_producer;
		b->nslots = b->count = 1;
		off = (int)size - head;
	}
	tail = peek_items(c, b, off);
	if (tail == -1)
		snprintf(snap->notes, sizeof(snap->notes), "SO_PEEK_OFF is "
		    "refused: only the item at the head can be shown");
	if (k->stream)
		snprintf(b->note, sizeof(b->note), "%d x %zu B fill SO_SNDBUF "
		    "%d at %d B of skb memory each (SIOCOUTQ is memory, not "
		    "bytes)%s", c->capacity, size, k->sndbuf, c->truesize,
		    head > 0 || tail > 0 ? "; an end item is partial" : "");
	else
		snprintf(b->note, sizeof(b->note), "%d x %zu B fill SO_SNDBUF "
		    "%d at %d B each; SIOCINQ is the next datagram only, "
		    "peeked with SO_PEEK_OFF", c->capacity, size, k->sndbuf,
		    c->truesize);
	/* Show every box of the buffer, the empty ones too. */
	for (i = b->nslots; i < c->capacity && i < SLOTS_MAX; i++)
		b->slots[i].full = false;
	if (b->nslots < c->capacity)
		b->nslots = c->capacity < SLOTS_MAX ? c->capacity : SLOTS_MAX;
	return (0);
}

static void
unix_close(struct channel *ch)
{
	struct unix_chan	*c = (struct unix_chan *)ch;

	if (c->role_end != -1)
		close(c->role_end);
	c->role_end = -1;
}

static void
unix_destroy(struct channel *ch)
{
	struct unix_chan	*c = (struct unix_chan *)ch;
	int			 i;

	/* Nothing outlives the last descriptor: a socketpair has no name. */
	for (i = 0; i < 2; i++) {
		if (c->sv[i] != -1)
			close(c->sv[i]);
		c->sv[i] = -1;
	}
	if (c->sh != NULL)
		munmap(c->sh, sizeof(*c->sh));
	c->sh = NULL;
}

/* The loops as the textbook writes them (the code panel); an unsplit
 * stream has no locks, so its loops skip those lines. */
static void
unix_code_of(const struct channel *ch, struct code_loop l[2],
    const struct code_line *p, int np, const struct code_line *c, int nc)
{
	const struct unix_chan	*u = (const struct unix_chan *)ch;
	static struct code_line	 bare[2][16];
	int			 i, n;

	l[ROLE_PRODUCER].lines = p;
	l[ROLE_PRODUCER].nlines = np;
	l[ROLE_CONSUMER].lines = c;
	l[ROLE_CONSUMER].nlines = nc;
	if (u->type != SOCK_STREAM || u->split)
		return;
	for (n = i = 0; i < np && n < 16; i++)
		if (p[i].phase != PH_WLOCK && p[i].phase != PH_WUNLOCK)
			bare[0][n++] = p[i];
	l[ROLE_PRODUCER].lines = bare[0];
	l[ROLE_PRODUCER].nlines = n;
	for (n = i = 0; i < nc && n < 16; i++)
		if (c[i].phase != PH_RLOCK && c[i].phase != PH_RUNLOCK)
			bare[1][n++] = c[i];
	l[ROLE_CONSUMER].lines = bare[1];
	l[ROLE_CONSUMER].nlines = n;
}

static void
unix_stream_code(const struct channel *ch, struct code_loop l[2])
{
	unix_code_of(ch, l, unix_stream_producer,
	    (int)(sizeof(unix_stream_producer) / sizeof(unix_stream_producer[0])),
	    unix_stream_consumer,
	    (int)(sizeof(unix_stream_consumer) / sizeof(unix_stream_consumer[0])));
}

static void
unix_dgram_code(const struct channel *ch, struct code_loop l[2])
{
	unix_code_of(ch, l, unix_dgram_producer,
	    (int)(sizeof(unix_dgram_producer) / sizeof(unix_dgram_producer[0])),
	    unix_dgram_consumer,
	    (int)(sizeof(unix_dgram_consumer) / sizeof(unix_dgram_consumer[0])));
}

const struct transport transport_unix_stream = {
	.name = "unix-stream",
	.title = "Unix-domain stream socketpair",
	.chan_size = sizeof(struct unix_chan),
	.phases = unix_stream_phases,
	.nphases = sizeof(unix_stream_phases) / sizeof(unix_stream_phases[0]),
	.create = unix_create,
	.open = unix_open,
	.send = unix_send,
	.recv = unix_stream_recv,
	.sample = unix_sample,
	.close = unix_close,
	.destroy = unix_destroy,
	.code = unix_stream_code,
};

const struct transport transport_unix_dgram = {
	.name = "unix-dgram",
	.title = "Unix-domain datagram socketpair",
	.chan_size = sizeof(struct unix_chan),
	.phases = unix_dgram_phases,
	.nphases = sizeof(unix_dgram_phases) / sizeof(unix_dgram_phases[0]),
	.create = unix_create,
	.open = unix_open,
	.send = unix_send,
	.recv = unix_dgram_recv,
	.sample = unix_sample,
	.close = unix_close,
	.destroy = unix_destroy,
	.code = unix_dgram_code,
};
