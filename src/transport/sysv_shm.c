/*
 * System V shared memory + System V semaphores: the textbook bounded
 * buffer. N slots and the in/out positions live in one shmget segment;
 * empty, full and mutex are one semget set of three.
 */
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "ipcscope/runfile.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "ring.h"

enum { SEM_EMPTY, SEM_FULL, SEM_MUTEX, NSEMS };

enum {
	PH_ATTACH, PH_WAIT_EMPTY, PH_LOCK, PH_WRITE, PH_UNLOCK, PH_POST_FULL,
	PH_WAIT_FULL, PH_READ, PH_POST_EMPTY,
	/* --undo: the mutex with SEM_UNDO */
	PH_LOCK_UNDO, PH_UNLOCK_UNDO,
	/* --unsafe: no mutex, and the slot's lines one by one */
	PH_READ_IN, PH_WRITE_AT, PH_STORE_IN, PH_READ_OUT, PH_READ_AT,
	PH_STORE_OUT
};

static const struct phase_info sysv_shm_phases[] = {
	[PH_ATTACH] = { "attach", "shmat(shmid, NULL, 0)",
	    "the segment is mapped into this process, nattch goes up", "",
	    .code = "p = shmat(shmid, NULL, 0);" },
	[PH_WAIT_EMPTY] = { "wait-empty", "semop(empty, -1)",
	    "a free slot is reserved", "empty is 0: every slot is full" },
	[PH_LOCK] = { "lock", "semop(mutex, -1)",
	    "the buffer is locked", "mutex is 0: another process is inside "
	    "the buffer" },
	[PH_WRITE] = { "write-slot", "write the slot",
	    "item %I goes into slot %S and in moves on", "",
	    .code = "buffer[in] = item;\nin = (in + 1) % N;" },
	[PH_UNLOCK] = { "unlock", "semop(mutex, +1)",
	    "the buffer is unlocked", "" },
	[PH_POST_FULL] = { "post-full", "semop(full, +1)",
	    "one more item is there to take", "" },
	[PH_WAIT_FULL] = { "wait-full", "semop(full, -1)",
	    "an item is there to take", "full is 0: the buffer is empty" },
	[PH_READ] = { "read-slot", "read the slot",
	    "item %I comes out of slot %S and out moves on", "",
	    .code = "item = buffer[out];\nout = (out + 1) % N;" },
	[PH_POST_EMPTY] = { "post-empty", "semop(empty, +1)",
	    "one more slot is free", "" },
	[PH_LOCK_UNDO] = { .name = "lock-undo",
	    .call = "semop(mutex, -1, SEM_UNDO)",
	    .done = "the buffer is locked, and the kernel notes +1 to undo "
	    "for this process should it die",
	    .blocked = "mutex is 0: another process is inside the buffer",
	    .code = "semop(mutex, -1);\t/* SEM_UNDO */" },
	[PH_UNLOCK_UNDO] = { .name = "unlock-undo",
	    .call = "semop(mutex, +1, SEM_UNDO)",
	    .done = "the buffer is unlocked, and nothing is left to undo",
	    .blocked = "",
	    .code = "semop(mutex, +1);\t/* SEM_UNDO */" },
	RING_UNSAFE_PHASES("segment"),
};

static const struct code_line sysv_shm_producer[] = {
	{ PH_ATTACH, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WAIT_EMPTY, 2, NULL },
	{ PH_LOCK, 2, NULL },
	{ PH_WRITE, 2, NULL },
	{ PH_UNLOCK, 2, NULL },
	{ PH_POST_FULL, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line sysv_shm_consumer[] = {
	{ PH_ATTACH, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_WAIT_FULL, 2, NULL },
	{ PH_LOCK, 2, NULL },
	{ PH_READ, 2, NULL },
	{ PH_UNLOCK, 2, NULL },
	{ PH_POST_EMPTY, 2, NULL },
	{ CODE_PLAIN, 2, "consume(item);" },
	{ CODE_PLAIN, 0, "}" },
};

/* --unsafe: no mutex, and in (out) read and stored as their own steps. */
static const struct code_line sysv_shm_producer_unsafe[] = {
	{ PH_ATTACH, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WAIT_EMPTY, 2, NULL },
	{ PH_READ_IN, 2, NULL },
	{ PH_WRITE_AT, 2, NULL },
	{ PH_STORE_IN, 2, NULL },
	{ PH_POST_FULL, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line sysv_shm_consumer_unsafe[] = {
	{ PH_ATTACH, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_WAIT_FULL, 2, NULL },
	{ PH_READ_OUT, 2, NULL },
	{ PH_READ_AT, 2, NULL },
	{ PH_STORE_OUT, 2, NULL },
	{ PH_POST_EMPTY, 2, NULL },
	{ CODE_PLAIN, 2, "consume(item);" },
	{ CODE_PLAIN, 0, "}" },
};

/* --undo: the mutex taken and given with SEM_UNDO. */
static const struct code_line sysv_shm_producer_undo[] = {
	{ PH_ATTACH, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WAIT_EMPTY, 2, NULL },
	{ PH_LOCK_UNDO, 2, NULL },
	{ PH_WRITE, 2, NULL },
	{ PH_UNLOCK_UNDO, 2, NULL },
	{ PH_POST_FULL, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line sysv_shm_consumer_undo[] = {
	{ PH_ATTACH, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_WAIT_FULL, 2, NULL },
	{ PH_LOCK_UNDO, 2, NULL },
	{ PH_READ, 2, NULL },
	{ PH_UNLOCK_UNDO, 2, NULL },
	{ PH_POST_EMPTY, 2, NULL },
	{ CODE_PLAIN, 2, "consume(item);" },
	{ CODE_PLAIN, 0, "}" },
};

struct sysv_shm_chan {
	struct channel	 base;
	int		 shmid;
	int		 semid;
	key_t		 shmkey, semkey;
	size_t		 size;
	const struct ring *view;	/* the viewer's SHM_RDONLY attach */
	struct ring	*mine;		/* a worker's own attach */
};

union semun {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
};

static int
limit_error(struct channel *ch, const char *call, int e)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;
	struct limits_ask	 ask = { .bytes = c->size, .count = NSEMS };
	char			 key[32];

	snprintf(key, sizeof(key), "key 0x%08x", (unsigned)(strncmp(call,
	    "sem", 3) == 0 ? c->semkey : c->shmkey));
	ask.object = key;
	limits_explain(ch->error, sizeof(ch->error), call, e, &ask);
	return (-1);
}

static int
sysv_shm_create(struct channel *ch, const struct config *cfg)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;
	unsigned short		 init[NSEMS];
	union semun		 arg;
	void			*p;

	c->shmid = c->semid = -1;
	c->size = ring_size(cfg);
	if ((c->shmkey = runfile_key(&ch->run, "shm")) == -1 ||
	    (c->semkey = runfile_key(&ch->run, "sem")) == -1)
		return (limit_error(ch, "ftok", errno));

	if (chan_want(ch, "shm", c->shmkey, NULL) == -1)
		return (-1);
	c->shmid = shmget(c->shmkey, c->size, IPC_CREAT | IPC_EXCL | 0600);
	if (c->shmid == -1)
		return (limit_error(ch, "shmget", errno));
	if (chan_made(ch, "shm", c->shmkey, c->shmid, NULL) == -1 ||
	    chan_want(ch, "sem", c->semkey, NULL) == -1)
		return (-1);
	c->semid = semget(c->semkey, NSEMS, IPC_CREAT | IPC_EXCL | 0600);
	if (c->semid == -1)
		return (limit_error(ch, "semget", errno));
	if (chan_made(ch, "sem", c->semkey, c->semid, NULL) == -1)
		return (-1);

	init[SEM_EMPTY] = (unsigned short)cfg->slots;
	init[SEM_FULL] = 0;
	init[SEM_MUTEX] = 1;
	arg.array = init;
	if (semctl(c->semid, 0, SETALL, arg) == -1)
		return (limit_error(ch, "semctl(SETALL)", errno));

	/* Read-only, and not inherited by fork: a worker's nattch is its own. */
	if ((p = shmat(c->shmid, NULL, SHM_RDONLY)) == (void *)-1)
		return (limit_error(ch, "shmat", errno));
	c->view = p;
	madvise(p, c->size, MADV_DONTFORK);
	return (0);
}

static int
semop1(const struct sysv_shm_chan *c, int num, int op)
{
	/* --undo: the kernel keeps what the mutex's holder took, to give
	 * it back if the holder dies. Only the mutex: on empty and full it
	 * would take back a dead producer's items from the count (and
	 * overflow past SEMVMX after 32767 items). */
	struct sembuf	b = { .sem_num = (unsigned short)num,
			      .sem_op = (short)op,
			      .sem_flg = (short)(num == SEM_MUTEX &&
				  c->base.cfg->undo ? SEM_UNDO : 0) };

	return (semop(c->semid, &b, 1));
}

/* One semop as one step: publish, wait for the permit, do it, report. */
static int
sem_step(struct sysv_shm_chan *c, struct worker *w, int phase, int num, int op)
{
	int	r, e;

	if (step(w, phase) == -1)
		return (-1);
	r = semop1(c, num, op);
	e = errno;
	if (num == SEM_MUTEX && r == 0)
		step_holds(w, op < 0 ? "mutex" : "");
	step_result(w, r, e);
	return (r);
}

static int
sysv_shm_open(struct channel *ch, struct worker *w)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;
	void			*p;
	int			 e;

	if (step(w, PH_ATTACH) == -1)
		return (-1);
	p = shmat(c->shmid, NULL, 0);
	e = errno;
	step_result(w, p == (void *)-1 ? -1 : 0, e);
	if (p == (void *)-1)
		return (-1);
	c->mine = p;
	return (0);
}

/*
 * --unsafe: no mutex, and "write the slot" as its three lines. Two
 * producers that both read in before either stores it write one slot.
 */
static int
send_unsafe(struct sysv_shm_chan *c, const struct item *it, struct worker *w)
{
	const struct config	*cfg = c->base.cfg;
	int			 i;

	if (sem_step(c, w, PH_WAIT_EMPTY, SEM_EMPTY, -1) == -1 ||
	    step(w, PH_READ_IN) == -1)
		return (-1);
	step_slot(w, i = ring_load_in(c->mine));
	step_result(w, 0, 0);
	if (step(w, PH_WRITE_AT) == -1)
		return (-1);
	step_slot(w, i);
	step_clash(w, ring_write_at(c->mine, cfg, i, it));
	step_result(w, 0, 0);
	step_item(w, NULL);
	if (step(w, PH_STORE_IN) == -1)
		return (-1);
	step_result(w, ring_store_in(c->mine, cfg, i), 0);
	return (sem_step(c, w, PH_POST_FULL, SEM_FULL, +1));
}

/* The same for two consumers: both read out, both read one slot. */
static int
recv_unsafe(struct sysv_shm_chan *c, struct item *it, struct worker *w)
{
	const struct config	*cfg = c->base.cfg;
	uint32_t		 again;
	int			 i;

	if (sem_step(c, w, PH_WAIT_FULL, SEM_FULL, -1) == -1 ||
	    step(w, PH_READ_OUT) == -1)
		return (-1);
	step_slot(w, i = ring_load_out(c->mine));
	step_result(w, 0, 0);
	if (step(w, PH_READ_AT) == -1)
		return (-1);
	again = ring_read_at(c->mine, cfg, i, it);
	step_item(w, it);
	step_slot(w, i);
	step_clash(w, again);
	step_result(w, 0, 0);
	if (step(w, PH_STORE_OUT) == -1)
		return (-1);
	step_result(w, ring_store_out(c->mine, cfg, i), 0);
	return (sem_step(c, w, PH_POST_EMPTY, SEM_EMPTY, +1));
}

static int
sysv_shm_send(struct channel *ch, const struct item *it, struct worker *w)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;
	bool			 undo = ch->cfg->undo;

	if (ch->cfg->unsafe)
		return (send_unsafe(c, it, w));
	if (sem_step(c, w, PH_WAIT_EMPTY, SEM_EMPTY, -1) == -1 ||
	    sem_step(c, w, undo ? PH_LOCK_UNDO : PH_LOCK, SEM_MUTEX, -1) ==
	    -1 ||
	    step(w, PH_WRITE) == -1)
		return (-1);
	step_slot(w, ring_put(c->mine, ch->cfg, it));
	step_result(w, 0, 0);
	step_item(w, NULL);
	if (sem_step(c, w, undo ? PH_UNLOCK_UNDO : PH_UNLOCK, SEM_MUTEX,
	    +1) == -1 ||
	    sem_step(c, w, PH_POST_FULL, SEM_FULL, +1) == -1)
		return (-1);
	return (0);
}

static int
sysv_shm_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;
	bool			 undo = ch->cfg->undo;
	int			 i;

	if (ch->cfg->unsafe)
		return (recv_unsafe(c, it, w));
	if (sem_step(c, w, PH_WAIT_FULL, SEM_FULL, -1) == -1 ||
	    sem_step(c, w, undo ? PH_LOCK_UNDO : PH_LOCK, SEM_MUTEX, -1) ==
	    -1 ||
	    step(w, PH_READ) == -1)
		return (-1);
	i = ring_take(c->mine, ch->cfg, it);
	step_item(w, it);
	step_slot(w, i);
	step_result(w, 0, 0);
	if (sem_step(c, w, undo ? PH_UNLOCK_UNDO : PH_UNLOCK, SEM_MUTEX,
	    +1) == -1 ||
	    sem_step(c, w, PH_POST_EMPTY, SEM_EMPTY, +1) == -1)
		return (-1);
	return (0);
}

static int
sysv_shm_sample(struct channel *ch, struct snapshot *snap,
    struct snap_buffer *b)
{
	static const char	*names[NSEMS] = { "empty", "full", "mutex" };
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;
	struct snap_object	*o;
	struct snap_shm		*k;
	struct snap_sem		*m;
	struct shmid_ds		 ds;
	struct semid_ds		 sds;
	unsigned short		 vals[NSEMS];
	union semun		 arg;
	int			 i;

	if (shmctl(c->shmid, IPC_STAT, &ds) == 0 &&
	    (o = snapshot_add_object(snap, OBJ_SHM, "shm %d", c->shmid)) !=
	    NULL) {
		snapshot_carries(snap, b, o);
		k = &o->u.shm;
		k->id = c->shmid;
		k->key = (unsigned)ds.shm_perm.__key;
		k->size = ds.shm_segsz;
		k->mode = ds.shm_perm.mode;
		k->nattch = (int)ds.shm_nattch;
		k->viewer_attached = c->view != NULL;
		k->cpid = ds.shm_cpid;
		k->lpid = ds.shm_lpid;
		k->atime = ds.shm_atime;
		k->dtime = ds.shm_dtime;
		k->ctime = ds.shm_ctime;
		k->dest = (ds.shm_perm.mode & SHM_DEST) != 0;
	}
	arg.array = vals;
	if (semctl(c->semid, 0, GETALL, arg) == 0 &&
	    (o = snapshot_add_object(snap, OBJ_SEM, "sem %d", c->semid)) !=
	    NULL) {
		snapshot_carries(snap, b, o);
		m = &o->u.sem;
		m->id = c->semid;
		m->nsems = NSEMS;
		for (i = 0; i < NSEMS; i++) {
			strlcpy(m->names[i], names[i], sizeof(m->names[i]));
			m->values[i] = vals[i];
			m->ncnt[i] = semctl(c->semid, i, GETNCNT);
			m->zcnt[i] = semctl(c->semid, i, GETZCNT);
			m->pid[i] = semctl(c->semid, i, GETPID);
		}
		arg.buf = &sds;
		if (semctl(c->semid, 0, IPC_STAT, arg) == 0) {
			m->key = (unsigned)sds.sem_perm.__key;
			m->mode = sds.sem_perm.mode;
			m->otime = sds.sem_otime;
			m->ctime = sds.sem_ctime;
		}
	}
	if (c->view == NULL)
		return (0);
	ring_sample(c->view, ch->cfg, b);
	strlcpy(b->note, "slots read through the viewer's SHM_RDONLY attach",
	    sizeof(b->note));
	return (0);
}

/* The mutex as the kernel holds it, read without changing it. */
static int
sysv_shm_lock_state(struct channel *ch, int *value, int *waiting)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;

	if ((*value = semctl(c->semid, SEM_MUTEX, GETVAL)) == -1 ||
	    (*waiting = semctl(c->semid, SEM_MUTEX, GETNCNT)) == -1)
		return (-1);
	return (0);
}

static void
sysv_shm_close(struct channel *ch)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;

	if (c->mine != NULL)
		shmdt(c->mine);
	c->mine = NULL;
}

static void
sysv_shm_destroy(struct channel *ch)
{
	struct sysv_shm_chan	*c = (struct sysv_shm_chan *)ch;

	if (c->view != NULL && getpid() == ch->viewer)
		shmdt(c->view);
	c->view = NULL;
	if (c->shmid != -1)
		shmctl(c->shmid, IPC_RMID, NULL);
	if (c->semid != -1)
		semctl(c->semid, 0, IPC_RMID);
	c->shmid = c->semid = -1;
}

/* The loops as the textbook writes them (the code panel). */
static void
sysv_shm_code(const struct channel *ch, struct code_loop l[2])
{
	if (ch->cfg->unsafe) {
		CODE_LOOP(l[ROLE_PRODUCER], sysv_shm_producer_unsafe);
		CODE_LOOP(l[ROLE_CONSUMER], sysv_shm_consumer_unsafe);
		return;
	}
	if (ch->cfg->undo) {
		CODE_LOOP(l[ROLE_PRODUCER], sysv_shm_producer_undo);
		CODE_LOOP(l[ROLE_CONSUMER], sysv_shm_consumer_undo);
		return;
	}
	CODE_LOOP(l[ROLE_PRODUCER], sysv_shm_producer);
	CODE_LOOP(l[ROLE_CONSUMER], sysv_shm_consumer);
}

const struct transport transport_sysv_shm = {
	.name = "sysv-shm",
	.title = "System V shared memory + semaphores",
	.chan_size = sizeof(struct sysv_shm_chan),
	.phases = sysv_shm_phases,
	.nphases = sizeof(sysv_shm_phases) / sizeof(sysv_shm_phases[0]),
	.create = sysv_shm_create,
	.open = sysv_shm_open,
	.send = sysv_shm_send,
	.recv = sysv_shm_recv,
	.sample = sysv_shm_sample,
	.close = sysv_shm_close,
	.destroy = sysv_shm_destroy,
	.features = TF_UNSAFE | TF_UNDO,
	.lock_state = sysv_shm_lock_state,
	.code = sysv_shm_code,
};
