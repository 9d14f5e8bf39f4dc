/*
 * POSIX shared memory + process-shared unnamed semaphores: the same
 * textbook bounded buffer as sysv-shm, the POSIX way. One shm_open object
 * (/dev/shm/ipcscope.PID.buf) holds the three semaphores, in/out and the
 * N slots. There is no IPC_STAT: the kernel's view is the /dev/shm file,
 * the values sem_getvalue reads and who maps it in /proc/PID/maps.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/transport.h"
#include "ring.h"

enum { SEM_EMPTY, SEM_FULL, SEM_MUTEX, NSEMS };

enum {
	PH_OPEN, PH_MAP, PH_WAIT_EMPTY, PH_LOCK, PH_WRITE, PH_UNLOCK,
	PH_POST_FULL, PH_WAIT_FULL, PH_READ, PH_POST_EMPTY,
	/* --unsafe: no mutex, and the slot's lines one by one */
	PH_READ_IN, PH_WRITE_AT, PH_STORE_IN, PH_READ_OUT, PH_READ_AT,
	PH_STORE_OUT
};

static const struct phase_info posix_shm_phases[] = {
	[PH_OPEN] = { "open", "shm_open(name, O_RDWR, 0)",
	    "the object in /dev/shm is opened: this process has a file "
	    "descriptor for it", "",
	    .code = "fd = shm_open(name, O_RDWR, 0);" },
	[PH_MAP] = { "map", "mmap(fd, MAP_SHARED)",
	    "the object is mapped into this process and shows in its "
	    "/proc/PID/maps", "",
	    .code = "p = mmap(NULL, size, RW, MAP_SHARED, fd, 0);" },
	[PH_WAIT_EMPTY] = { "wait-empty", "sem_wait(&empty)",
	    "a free slot is reserved", "empty is 0: every slot is full" },
	[PH_LOCK] = { "lock", "sem_wait(&mutex)",
	    "the buffer is locked", "mutex is 0: another process is inside "
	    "the buffer" },
	[PH_WRITE] = { "write-slot", "write the slot",
	    "item %I goes into slot %S and in moves on", "",
	    .code = "buffer[in] = item;\nin = (in + 1) % N;" },
	[PH_UNLOCK] = { "unlock", "sem_post(&mutex)",
	    "the buffer is unlocked", "" },
	[PH_POST_FULL] = { "post-full", "sem_post(&full)",
	    "one more item is there to take", "" },
	[PH_WAIT_FULL] = { "wait-full", "sem_wait(&full)",
	    "an item is there to take", "full is 0: the buffer is empty" },
	[PH_READ] = { "read-slot", "read the slot",
	    "item %I comes out of slot %S and out moves on", "",
	    .code = "item = buffer[out];\nout = (out + 1) % N;" },
	[PH_POST_EMPTY] = { "post-empty", "sem_post(&empty)",
	    "one more slot is free", "" },
	RING_UNSAFE_PHASES("mapping"),
};

static const struct code_line posix_shm_producer[] = {
	{ PH_OPEN, 0, NULL },
	{ PH_MAP, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WAIT_EMPTY, 2, NULL },
	{ PH_LOCK, 2, NULL },
	{ PH_WRITE, 2, NULL },
	{ PH_UNLOCK, 2, NULL },
	{ PH_POST_FULL, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line posix_shm_consumer[] = {
	{ PH_OPEN, 0, NULL },
	{ PH_MAP, 0, NULL },
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
static const struct code_line posix_shm_producer_unsafe[] = {
	{ PH_OPEN, 0, NULL },
	{ PH_MAP, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ CODE_PLAIN, 2, "item = produce();" },
	{ PH_WAIT_EMPTY, 2, NULL },
	{ PH_READ_IN, 2, NULL },
	{ PH_WRITE_AT, 2, NULL },
	{ PH_STORE_IN, 2, NULL },
	{ PH_POST_FULL, 2, NULL },
	{ CODE_PLAIN, 0, "}" },
};

static const struct code_line posix_shm_consumer_unsafe[] = {
	{ PH_OPEN, 0, NULL },
	{ PH_MAP, 0, NULL },
	{ CODE_PLAIN, 0, "while (1) {" },
	{ PH_WAIT_FULL, 2, NULL },
	{ PH_READ_OUT, 2, NULL },
	{ PH_READ_AT, 2, NULL },
	{ PH_STORE_OUT, 2, NULL },
	{ PH_POST_EMPTY, 2, NULL },
	{ CODE_PLAIN, 2, "consume(item);" },
	{ CODE_PLAIN, 0, "}" },
};

/* The phase each semaphore's sleepers sit in, for counting waiters. */
static const int wait_phase[NSEMS] = {
	[SEM_EMPTY] = PH_WAIT_EMPTY, [SEM_FULL] = PH_WAIT_FULL,
	[SEM_MUTEX] = PH_LOCK
};

/* The object: the semaphores, then the ring (in, out and the slots). */
struct pshm_header {
	sem_t		sem[NSEMS];
};

struct posix_shm_chan {
	struct channel	 base;
	char		 name[64];	/* "/ipcscope.PID.buf" */
	int		 created;	/* the name is ours to unlink */
	size_t		 size;
	int		 vfd;		/* the viewer's descriptor, for fstat */
	void		*view;		/* the viewer's mapping, read-only */
	int		 fd;		/* a worker's own descriptor */
	void		*mine;		/* a worker's own mapping */
};

static struct ring *
ring_of(const void *base)
{
	return ((struct ring *)((uintptr_t)base + sizeof(struct pshm_header)));
}

static int
limit_error(struct channel *ch, const char *call, int e)
{
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;
	struct limits_ask	 ask = { .object = c->name, .bytes = c->size };

	limits_explain(ch->error, sizeof(ch->error), call, e, &ask);
	return (-1);
}

static int
posix_shm_create(struct channel *ch, const struct config *cfg)
{
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;
	struct pshm_header	*h;
	void			*p;
	int			 i, e;

	c->vfd = c->fd = -1;
	c->size = sizeof(struct pshm_header) + ring_size(cfg);
	runfile_name(&ch->run, runfile_suffix("posix-shm"), c->name,
	    sizeof(c->name));
	if (chan_want(ch, "posix-shm", 0, c->name) == -1)
		return (-1);
	c->vfd = shm_open(c->name, O_CREAT | O_EXCL | O_RDWR, 0600);
	if (c->vfd == -1)
		return (limit_error(ch, "shm_open", errno));
	c->created = 1;
	if (chan_made(ch, "posix-shm", 0, -1, c->name) == -1)
		return (-1);
	if (ftruncate(c->vfd, (off_t)c->size) == -1)
		return (limit_error(ch, "ftruncate", errno));
	/* tmpfs gives pages lazily: claim them now, or a full /dev/shm
	 * would be a SIGBUS in the middle of a step. */
	if ((e = posix_fallocate(c->vfd, 0, (off_t)c->size)) != 0)
		return (limit_error(ch, "posix_fallocate", e));
	p = mmap(NULL, c->size, PROT_READ | PROT_WRITE, MAP_SHARED, c->vfd, 0);
	if (p == MAP_FAILED)
		return (limit_error(ch, "mmap", errno));
	h = p;
	for (i = 0; i < NSEMS; i++) {
		if (sem_init(&h->sem[i], 1, i == SEM_EMPTY ?
		    (unsigned)cfg->slots : i == SEM_MUTEX ? 1 : 0) == -1) {
			e = errno;
			munmap(p, c->size);
			return (limit_error(ch, "sem_init", e));
		}
	}
	ring_of(p)->in = ring_of(p)->out = 0;
	/* From here the viewer only looks; and a worker maps it itself, as a
	 * step, so the viewer's mapping is not inherited. */
	mprotect(p, c->size, PROT_READ);
	madvise(p, c->size, MADV_DONTFORK);
	c->view = p;
	return (0);
}

/* One sem_wait or sem_post as one step: publish, wait, do it, report. */
static int
sem_step(struct posix_shm_chan *c, struct worker *w, int phase, int num,
    int op)
{
	struct pshm_header	*h = c->mine;
	int			 r, e;

	if (step(w, phase) == -1)
		return (-1);
	if (op < 0) {
		while ((r = sem_wait(&h->sem[num])) == -1 && errno == EINTR)
			continue;
	} else
		r = sem_post(&h->sem[num]);
	e = errno;
	if (num == SEM_MUTEX && r == 0)
		step_holds(w, op < 0 ? "mutex" : "");
	step_result(w, r, e);
	return (r);
}

static int
posix_shm_open(struct channel *ch, struct worker *w)
{
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;
	void			*p;
	int			 e;

	if (step(w, PH_OPEN) == -1)
		return (-1);
	c->fd = shm_open(c->name, O_RDWR, 0);
	e = errno;
	step_result(w, c->fd, e);
	if (c->fd == -1 || step(w, PH_MAP) == -1)
		return (-1);
	p = mmap(NULL, c->size, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
	e = errno;
	step_result(w, p == MAP_FAILED ? -1 : 0, e);
	if (p == MAP_FAILED)
		return (-1);
	c->mine = p;
	return (0);
}

/*
 * --unsafe: no mutex, and "write the slot" as its three lines. Two
 * producers that both read in before either stores it write one slot.
 */
static int
send_unsafe(struct posix_shm_chan *c, const struct item *it, struct worker *w)
{
	const struct config	*cfg = c->base.cfg;
	struct ring		*r = ring_of(c->mine);
	int			 i;

	if (sem_step(c, w, PH_WAIT_EMPTY, SEM_EMPTY, -1) == -1 ||
	    step(w, PH_READ_IN) == -1)
		return (-1);
	step_slot(w, i = ring_load_in(r));
	step_result(w, 0, 0);
	if (step(w, PH_WRITE_AT) == -1)
		return (-1);
	step_slot(w, i);
	step_clash(w, ring_write_at(r, cfg, i, it));
	step_result(w, 0, 0);
	step_item(w, NULL);
	if (step(w, PH_STORE_IN) == -1)
		return (-1);
	step_result(w, ring_store_in(r, cfg, i), 0);
	return (sem_step(c, w, PH_POST_FULL, SEM_FULL, +1));
}

/* The same for two consumers: both read out, both read one slot. */
static int
recv_unsafe(struct posix_shm_chan *c, struct item *it, struct worker *w)
{
	const struct config	*cfg = c->base.cfg;
	struct ring		*r = ring_of(c->mine);
	uint32_t		 again;
	int			 i;

	if (sem_step(c, w, PH_WAIT_FULL, SEM_FULL, -1) == -1 ||
	    step(w, PH_READ_OUT) == -1)
		return (-1);
	step_slot(w, i = ring_load_out(r));
	step_result(w, 0, 0);
	if (step(w, PH_READ_AT) == -1)
		return (-1);
	again = ring_read_at(r, cfg, i, it);
	step_item(w, it);
	step_slot(w, i);
	step_clash(w, again);
	step_result(w, 0, 0);
	if (step(w, PH_STORE_OUT) == -1)
		return (-1);
	step_result(w, ring_store_out(r, cfg, i), 0);
	return (sem_step(c, w, PH_POST_EMPTY, SEM_EMPTY, +1));
}

static int
posix_shm_send(struct channel *ch, const struct item *it, struct worker *w)
{
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;

	if (ch->cfg->unsafe)
		return (send_unsafe(c, it, w));

	if (sem_step(c, w, PH_WAIT_EMPTY, SEM_EMPTY, -1) == -1 ||
	    sem_step(c, w, PH_LOCK, SEM_MUTEX, -1) == -1 ||
	    step(w, PH_WRITE) == -1)
		return (-1);
	step_slot(w, ring_put(ring_of(c->mine), ch->cfg, it));
	step_result(w, 0, 0);
	step_item(w, NULL);
	if (sem_step(c, w, PH_UNLOCK, SEM_MUTEX, +1) == -1 ||
	    sem_step(c, w, PH_POST_FULL, SEM_FULL, +1) == -1)
		return (-1);
	return (0);
}

static int
posix_shm_recv(struct channel *ch, struct item *it, struct worker *w)
{
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;
	int			 i;

	if (ch->cfg->unsafe)
		return (recv_unsafe(c, it, w));
	if (sem_step(c, w, PH_WAIT_FULL, SEM_FULL, -1) == -1 ||
	    sem_step(c, w, PH_LOCK, SEM_MUTEX, -1) == -1 ||
	    step(w, PH_READ) == -1)
		return (-1);
	i = ring_take(ring_of(c->mine), ch->cfg, it);
	step_item(w, it);
	step_slot(w, i);
	step_result(w, 0, 0);
	if (sem_step(c, w, PH_UNLOCK, SEM_MUTEX, +1) == -1 ||
	    sem_step(c, w, PH_POST_EMPTY, SEM_EMPTY, +1) == -1)
		return (-1);
	return (0);
}

/* Who maps the object, by /proc/PID/maps: the viewer and live workers. */
static void
sample_mappers(const struct posix_shm_chan *c, const struct snapshot *snap,
    struct snap_pshm *k)
{
	char			 needle[80];
	pid_t			 pid;
	int			 i;

	snprintf(needle, sizeof(needle), "/dev/shm%s", c->name);
	for (i = -1; i < snap->nworkers; i++) {
		if (i >= 0 && !snap->workers[i].alive)
			continue;
		pid = i < 0 ? c->base.viewer : snap->workers[i].pid;
		if (k->nmappers < WORKERS_MAX + 1 &&
		    procfs_maps_has(pid, needle))
			k->mappers[k->nmappers++] = pid;
	}
}

static int
posix_shm_sample(struct channel *ch, struct snapshot *snap,
    struct snap_buffer *b)
{
	static const char	*names[NSEMS] = { "empty", "full", "mutex" };
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;
	const struct pshm_header *h = c->view;
	struct snap_object	*o;
	struct snap_pshm	*k;
	struct snap_sem		*m;
	const char		*ph;
	struct stat		 st;
	int			 i, j, v;

	if (c->vfd != -1 && fstat(c->vfd, &st) == 0 &&
	    (o = snapshot_add_object(snap, OBJ_PSHM, "%s", c->name)) != NULL) {
		snapshot_carries(snap, b, o);
		k = &o->u.pshm;
		strlcpy(k->name, c->name, sizeof(k->name));
		k->size = (size_t)st.st_size;
		sample_mappers(c, snap, k);
	}
	b->capacity = b->nslots = ch->cfg->slots;
	b->has_inout = true;
	if (h == NULL || (o = snapshot_add_object(snap, OBJ_SEM, "%s sem_t",
	    c->name)) == NULL)
		return (0);
	snapshot_carries(snap, b, o);
	m = &o->u.sem;
	m->posix = true;
	m->nsems = NSEMS;
	for (i = 0; i < NSEMS; i++) {
		strlcpy(m->names[i], names[i], sizeof(m->names[i]));
		m->values[i] = sem_getvalue((sem_t *)&h->sem[i], &v) == 0 ?
		    v : -1;
		/* No GETNCNT for POSIX semaphores: the sleepers are the
		 * workers /proc shows asleep in that sem_wait. */
		ph = posix_shm_phases[wait_phase[i]].name;
		for (j = 0; j < snap->nworkers; j++)
			if (snap->workers[j].blocked &&
			    strcmp(snap->workers[j].phase, ph) == 0)
				m->ncnt[i]++;
	}
	ring_sample(ring_of(c->view), ch->cfg, b);
	strlcpy(b->note, "slots read through the viewer's read-only mmap",
	    sizeof(b->note));
	return (0);
}

static void
posix_shm_close(struct channel *ch)
{
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;

	if (c->mine != NULL)
		munmap(c->mine, c->size);
	if (c->fd != -1)
		close(c->fd);
	c->mine = NULL;
	c->fd = -1;
}

static void
posix_shm_destroy(struct channel *ch)
{
	struct posix_shm_chan	*c = (struct posix_shm_chan *)ch;

	if (getpid() == ch->viewer) {
		if (c->view != NULL)
			munmap(c->view, c->size);
		if (c->vfd != -1)
			close(c->vfd);
	}
	c->view = NULL;
	c->vfd = -1;
	/* Only a name this run made: never one that was there before. */
	if (c->created)
		shm_unlink(c->name);
	c->created = 0;
}

/* The loops as the textbook writes them (the code panel). */
static void
posix_shm_code(const struct channel *ch, struct code_loop l[2])
{
	if (ch->cfg->unsafe) {
		CODE_LOOP(l[ROLE_PRODUCER], posix_shm_producer_unsafe);
		CODE_LOOP(l[ROLE_CONSUMER], posix_shm_consumer_unsafe);
		return;
	}
	CODE_LOOP(l[ROLE_PRODUCER], posix_shm_producer);
	CODE_LOOP(l[ROLE_CONSUMER], posix_shm_consumer);
}

const struct transport transport_posix_shm = {
	.name = "posix-shm",
	.title = "POSIX shared memory + process-shared semaphores",
	.chan_size = sizeof(struct posix_shm_chan),
	.phases = posix_shm_phases,
	.nphases = sizeof(posix_shm_phases) / sizeof(posix_shm_phases[0]),
	.create = posix_shm_create,
	.open = posix_shm_open,
	.send = posix_shm_send,
	.recv = posix_shm_recv,
	.sample = posix_shm_sample,
	.close = posix_shm_close,
	.destroy = posix_shm_destroy,
	.features = TF_UNSAFE,
	.code = posix_shm_code,
};
