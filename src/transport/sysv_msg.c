/*
 * System V message queue: the kernel is the bounded buffer. There are no
 * slots to pick and no lock to take; msgsnd sleeps while the queue is
 * full and msgrcv while it is empty. The queue holds N items because the
 * viewer lowers msg_qbytes to N * the message size (Linux blocks msgsnd
 * when cbytes + size would pass qbytes). With --mailbox the mtype
 * addresses one consumer: consumer i asks msgrcv for type i only.
 */
#include <sys/ipc.h>
#include <sys/msg.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"

#ifndef MSG_COPY
#define MSG_COPY	040000
#endif

enum { PH_GET, PH_SEND, PH_SEND_TO, PH_RECV, PH_RECV_MINE };

/* In the mailbox phases "%S" is the message type, not a slot. */
static const struct phase_info sysv_msg_phases[] = {
	[PH_GET] = { "msgget", "msgget(key, 0600)",
	    "the queue's id is looked up from its key", "",
	    .code = "q = msgget(key, 0600);" },
	[PH_SEND] = { "msgsnd", "msgsnd(q, &m, size, 0)",
	    "item %I is copied into the kernel's queue (no slot to pick, no "
	    "lock to take: the kernel does both)",
	    "the queue is full: one more message would pass msg_qbytes" },
	[PH_SEND_TO] = { "msgsnd", "msgsnd(q, &m, size, 0)",
	    "item %I is queued with mtype %S, addressed to C%S (no slot to "
	    "pick, no lock to take: the kernel does both)",
	    "the queue is full: one more message would pass msg_qbytes" },
	[PH_RECV] = { "msgrcv", "msgrcv(q, &m, size, 0, 0)",
	    "item %I, the oldest message, is copied out of the queue",
	    "the queue is empty: qnum is 0" },
	[PH_RECV_MINE] = { "msgrcv", "msgrcv(q, &m, size, mine, 0)",
	    "item %I of type %S, addressed to this consumer, is copied out "
	    "of the queue", "no message of type %S (this consumer's) is "
	    "queued" },
};

static const struct code_line sysv_msg_producer[] = {
	{ PH_GET, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "m.mtype = 1; m.item = produce();" },
	{ PH_SEND, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line sysv_msg_consumer[] = {
	{ PH_GET, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_RECV, 2, NULL },
	{ CODE_PLAIN, 2, "consume(m.item);" },
	{ CODE_PLAIN, 0, "}" },
};

/* --mailbox: the mtype names the consumer an item is for. */
static const struct code_line sysv_msg_mail_producer[] = {
	{ PH_GET, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "m.mtype = consumer; m.item = produce();" },
	{ PH_SEND_TO, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line sysv_msg_mail_consumer[] = {
	{ PH_GET, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_RECV_MINE, 2, NULL },
	{ CODE_PLAIN, 2, "consume(m.item);" },
	{ CODE_PLAIN, 0, "}" },
};

struct sysv_msg_chan {
	struct channel	 base;
	int		 qid;
	key_t		 key;
	int		 capacity;	/* items the queue really holds */
	long		 msgmax;	/* /proc/sys/kernel/msgmax: peek buffer */
	char		 note[256];	/* a limit that cut the capacity */
};

struct msg {
	long		mtype;
	unsigned char	mtext[ITEM_WIRE_MAX];
};

/* The bytes asked for: a message, or a queue (of at least one item). */
static int
limit_error(struct channel *ch, const char *call, int e)
{
	struct sysv_msg_chan	*c = (struct sysv_msg_chan *)ch;
	struct limits_ask	 ask = { .bytes = ch->cfg->item_size };
	char			 key[32];

	if (strncmp(call, "msgctl", 6) == 0 && c->capacity > 1)
		ask.bytes *= (unsigned long)c->capacity;
	snprintf(key, sizeof(key), "key 0x%08x", (unsigned)c->key);
	ask.object = key;
	limits_explain(ch->error, sizeof(ch->error), call, e, &ask);
	return (-1);
}

static int
sysv_msg_create(struct channel *ch, const struct config *cfg)
{
	struct sysv_msg_chan	*c = (struct sysv_msg_chan *)ch;
	struct msqid_ds		 ds;
	unsigned long		 want, mnb;

	c->qid = -1;
	c->msgmax = procfs_sysctl("/proc/sys/kernel/msgmax");
	/* msgsnd would fail with EINVAL: say so before making anything. */
	if (c->msgmax > 0 && (long)cfg->item_size > c->msgmax)
		return (limit_error(ch, "msgsnd", EINVAL));
	if (c->msgmax <= 0)
		c->msgmax = ITEM_WIRE_MAX;
	if ((c->key = runfile_key(&ch->run, "msg")) == -1)
		return (limit_error(ch, "ftok", errno));
	if (chan_want(ch, "msg", c->key, NULL) == -1)
		return (-1);
	c->qid = msgget(c->key, IPC_CREAT | IPC_EXCL | 0600);
	if (c->qid == -1)
		return (limit_error(ch, "msgget", errno));
	if (chan_made(ch, "msg", c->key, c->qid, NULL) == -1)
		return (-1);

	/* A new queue starts at qbytes = msgmnb (of this IPC namespace). */
	if (msgctl(c->qid, IPC_STAT, &ds) == -1)
		return (limit_error(ch, "msgctl(IPC_STAT)", errno));
	mnb = ds.msg_qbytes;
	c->capacity = cfg->slots;
	want = (unsigned long)cfg->slots * cfg->item_size;
	if (want > mnb) {
		c->capacity = (int)(mnb / cfg->item_size);
		/* Not even one item: raising qbytes to it would be EPERM. */
		if (c->capacity < 1)
			return (limit_error(ch, "msgctl(IPC_SET)", EPERM));
		snprintf(c->note, sizeof(c->note), "%d items of %zu bytes need "
		    "%lu bytes but /proc/sys/kernel/msgmnb is %lu: the queue "
		    "holds %d (raise with sysctl kernel.msgmnb)", cfg->slots,
		    cfg->item_size, want, mnb, c->capacity);
		want = (unsigned long)c->capacity * cfg->item_size;
	}
	ds.msg_qbytes = want;
	if (msgctl(c->qid, IPC_SET, &ds) == -1)
		return (limit_error(ch, "msgctl(IPC_SET)", errno));
	return (0);
}

static int
sysv_msg_open(struct channel *ch, struct worker *w)
{
	struct sysv_msg_chan	*c = (struct sysv_msg_chan *)ch;
	int			 q, e;

	if (step(w, PH_GET) == -1)
		return (-1);
	q = msgget(c->key, 0600);
	e = errno;
	step_result(w, q, e);
	if (q == -1)
		return (-1);
	c->qid = q;
	return (0);
}

static int
sysv_msg_send(struct channel *ch, const struct item *it, struct worker *w)
{
	struct sysv_msg_chan	*c = (struct sysv_msg_chan *)ch;
	bool			 mailbox = ch->cfg->mailbox;
	struct item		 one;
	struct msg		 m;
	int			 r, e;

	if (step(w, mailbox ? PH_SEND_TO : PH_SEND) == -1)
		return (-1);
	one = *it;		/* numbered by the step just granted */
	one.mtype = (uint16_t)(mailbox ? worker_mailbox(w, one.seq) : 1);
	if (mailbox)
		step_slot(w, one.mtype);
	m.mtype = one.mtype;
	item_encode(&one, m.mtext, ch->cfg->item_size);
	while ((r = msgsnd(c->qid, &m, ch->cfg->item_size, 0)) == -1 &&
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
sysv_msg_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct sysv_msg_chan	*c = (struct sysv_msg_chan *)ch;
	bool			 mailbox = ch->cfg->mailbox;
	struct msg		 m;
	ssize_t			 n;
	int			 e;

	if (step(w, mailbox ? PH_RECV_MINE : PH_RECV) == -1)
		return (-1);
	if (mailbox)
		step_slot(w, worker_id(w));
	while ((n = msgrcv(c->qid, &m, ch->cfg->item_size, mailbox ?
	    worker_id(w) : 0, 0)) == -1 && errno == EINTR)
		continue;
	e = errno;
	memset(it, 0, sizeof(*it));
	if (n >= 0) {
		item_decode(m.mtext, (size_t)n, it);
		step_item(w, it);
	}
	step_result(w, n == -1 ? -1 : 0, e);
	return (n == -1 ? -1 : 0);
}

/* The queued messages themselves, oldest first, left where they are. */
static void
peek(const struct sysv_msg_chan *c, struct snap_buffer *b, unsigned long qnum)
{
	struct msgbuf		*m;
	struct item		 it;
	int			 bytype[WORKERS_PER_ROLE_MAX + 1] = { 0 };
	char			 part[24];
	ssize_t			 n;
	long			 i;

	if ((m = malloc(sizeof(long) + (size_t)c->msgmax)) == NULL)
		return;
	for (i = 0; i < (long)qnum && i < SLOTS_MAX; i++) {
		n = msgrcv(c->qid, m, (size_t)c->msgmax, i,
		    MSG_COPY | IPC_NOWAIT);
		if (n == -1)
			break;
		b->slots[i].full = true;
		b->slots[i].mtype = (int)m->mtype;
		if (m->mtype > 0 && m->mtype <= WORKERS_PER_ROLE_MAX)
			bytype[m->mtype]++;
		if (item_decode(m->mtext, (size_t)n, &it) == 0) {
			b->slots[i].seq = it.seq;
			b->slots[i].producer = it.producer;
			b->slots[i].marks = it.marks;
		}
	}
	b->nslots = (int)i;
	if (i < (long)qnum && (errno == ENOSYS || errno == EINVAL)) {
		b->nslots = 0;
		strlcpy(b->note, "this kernel has no MSG_COPY (it needs "
		    "CONFIG_CHECKPOINT_RESTORE): counts only, the messages "
		    "cannot be read without taking them", sizeof(b->note));
	} else if (c->base.cfg->mailbox) {
		strlcpy(b->note, "peeked with msgrcv(MSG_COPY); queued by "
		    "type:", sizeof(b->note));
		for (i = 1; i <= WORKERS_PER_ROLE_MAX; i++) {
			if (bytype[i] == 0)
				continue;
			snprintf(part, sizeof(part), " %ld:%d", i, bytype[i]);
			strlcat(b->note, part, sizeof(b->note));
		}
	} else
		strlcpy(b->note, "peeked with msgrcv(MSG_COPY): the messages "
		    "stay queued", sizeof(b->note));
	free(m);
}

static int
sysv_msg_sample(struct channel *ch, struct snapshot *snap,
    struct snap_buffer *b)
{
	struct sysv_msg_chan	*c = (struct sysv_msg_chan *)ch;
	struct snap_object	*o;
	struct snap_msq		*k;
	struct msqid_ds		 ds;

	b->capacity = c->capacity;
	b->has_inout = false;
	strlcpy(snap->notes, c->note, sizeof(snap->notes));
	if (c->qid == -1 || msgctl(c->qid, IPC_STAT, &ds) == -1 ||
	    (o = snapshot_add_object(snap, OBJ_MSQ, "msq %d", c->qid)) == NULL)
		return (0);
	snapshot_carries(snap, b, o);
	k = &o->u.msq;
	k->id = c->qid;
	k->key = (unsigned)ds.msg_perm.__key;
	k->mode = ds.msg_perm.mode;
	k->qnum = ds.msg_qnum;
	k->cbytes = ds.__msg_cbytes;
	k->qbytes = ds.msg_qbytes;
	k->lspid = ds.msg_lspid;
	k->lrpid = ds.msg_lrpid;
	k->stime = ds.msg_stime;
	k->rtime = ds.msg_rtime;
	k->ctime = ds.msg_ctime;
	b->count = (int)ds.msg_qnum;
	/* MSG_COPY leaves lrpid and rtime alone: peeking changes nothing. */
	peek(c, b, ds.msg_qnum);
	return (0);
}

static void
sysv_msg_destroy(struct channel *ch)
{
	struct sysv_msg_chan	*c = (struct sysv_msg_chan *)ch;

	if (c->qid != -1)
		msgctl(c->qid, IPC_RMID, NULL);
	c->qid = -1;
}

/* The loops as the textbook writes them (the code panel). */
static void
sysv_msg_code(const struct channel *ch, struct code_loop l[2])
{
	if (ch->cfg->mailbox) {
		CODE_LOOP(l[ROLE_PRODUCER], sysv_msg_mail_producer);
		CODE_LOOP(l[ROLE_CONSUMER], sysv_msg_mail_consumer);
		return;
	}
	CODE_LOOP(l[ROLE_PRODUCER], sysv_msg_producer);
	CODE_LOOP(l[ROLE_CONSUMER], sysv_msg_consumer);
}

const struct transport transport_sysv_msg = {
	.name = "sysv-msg",
	.title = "System V message queue",
	.chan_size = sizeof(struct sysv_msg_chan),
	.phases = sysv_msg_phases,
	.nphases = sizeof(sysv_msg_phases) / sizeof(sysv_msg_phases[0]),
	.create = sysv_msg_create,
	.open = sysv_msg_open,
	.send = sysv_msg_send,
	.recv = sysv_msg_recv,
	.sample = sysv_msg_sample,
	.close = NULL,
	.destroy = sysv_msg_destroy,
	.features = TF_ADDRESS,
	.code = sysv_msg_code,
	.item_sysctl = "/proc/sys/kernel/msgmax",
};
