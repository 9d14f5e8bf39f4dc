/*
 * System V objects: /proc/sysvipc/{shm,msg,sem} list them all, in one read
 * each; a *ctl call per object adds what those files lack (msg_qbytes,
 * the semaphores' values, waiters and last pids) and tells whether this
 * user may read it. An object we may not read stays listed, marked; one
 * removed between the listing and the call is simply gone.
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/watch.h"
#include "ipcscope/xmalloc.h"

union semun {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
};

/* uid → name, remembered: a thousand objects of one owner, one lookup. */
static void
owner_name(uid_t uid, char *buf, size_t len)
{
	static struct {
		uid_t	uid;
		char	name[33];
	} cache[16];
	static int	 ncache, next;
	struct passwd	*pw;
	int		 i;

	for (i = 0; i < ncache; i++)
		if (cache[i].uid == uid) {
			strlcpy(buf, cache[i].name, len);
			return;
		}
	if ((pw = getpwuid(uid)) != NULL)
		strlcpy(buf, pw->pw_name, len);
	else
		snprintf(buf, len, "%u", (unsigned)uid);
	i = ncache < 16 ? ncache++ : next++ % 16;
	cache[i].uid = uid;
	strlcpy(cache[i].name, buf, sizeof(cache[i].name));
}

/* The kernel prints the key with %d: IPC_PRIVATE is 0, 0xffffffff is -1. */
static unsigned
key_of(long long k)
{
	return ((unsigned)(k & 0xffffffffLL));
}

int
watch_parse_shm(const char *line, struct watch_obj *o)
{
	long long		key, at, dt, ct;
	unsigned long long	size;
	unsigned		mode, uid, gid, cuid, cgid;
	int			id, cpid, lpid;
	long			nattch;

	if (sscanf(line, "%lld %d %o %llu %d %d %ld %u %u %u %u %lld %lld %lld",
	    &key, &id, &mode, &size, &cpid, &lpid, &nattch, &uid, &gid, &cuid,
	    &cgid, &at, &dt, &ct) != 14)
		return (-1);
	o->type = WT_SHM;
	o->shm.key = key_of(key);
	o->shm.id = id;
	o->shm.mode = mode;
	o->shm.size = (size_t)size;
	o->shm.cpid = cpid;
	o->shm.lpid = lpid;
	o->shm.nattch = (int)nattch;
	o->shm.atime = at;
	o->shm.dtime = dt;
	o->shm.ctime = ct;
	o->shm.dest = (mode & SHM_DEST) != 0;
	o->perms = mode & 0777;
	o->uid = uid, o->gid = gid, o->cuid = cuid, o->cgid = cgid;
	snprintf(o->ident, sizeof(o->ident), "shm %d", id);
	return (0);
}

int
watch_parse_msg(const char *line, struct watch_obj *o)
{
	long long	key, st, rt, ct;
	unsigned long	cbytes, qnum;
	unsigned	mode, uid, gid, cuid, cgid;
	int		id, lspid, lrpid;

	if (sscanf(line, "%lld %d %o %lu %lu %d %d %u %u %u %u %lld %lld %lld",
	    &key, &id, &mode, &cbytes, &qnum, &lspid, &lrpid, &uid, &gid,
	    &cuid, &cgid, &st, &rt, &ct) != 14)
		return (-1);
	o->type = WT_MSG;
	o->msq.key = key_of(key);
	o->msq.id = id;
	o->msq.mode = mode;
	o->msq.cbytes = cbytes;
	o->msq.qnum = qnum;
	o->msq.lspid = lspid;
	o->msq.lrpid = lrpid;
	o->msq.stime = st;
	o->msq.rtime = rt;
	o->msq.ctime = ct;
	o->perms = mode & 0777;
	o->uid = uid, o->gid = gid, o->cuid = cuid, o->cgid = cgid;
	snprintf(o->ident, sizeof(o->ident), "msg %d", id);
	return (0);
}

int
watch_parse_sem(const char *line, struct watch_obj *o)
{
	long long	key, ot, ct;
	unsigned	mode, uid, gid, cuid, cgid;
	int		id, nsems;

	if (sscanf(line, "%lld %d %o %d %u %u %u %u %lld %lld", &key, &id,
	    &mode, &nsems, &uid, &gid, &cuid, &cgid, &ot, &ct) != 10)
		return (-1);
	o->type = WT_SEM;
	o->sem.key = key_of(key);
	o->sem.id = id;
	o->sem.nsems = nsems;
	o->sem.otime = ot;
	o->sem.ctime = ct;
	o->perms = mode & 0777;
	o->uid = uid, o->gid = gid, o->cuid = cuid, o->cgid = cgid;
	snprintf(o->ident, sizeof(o->ident), "sem %d", id);
	return (0);
}

/* Is the *ctl error "gone" (drop it) rather than "not yours" (mark it)? */
static bool
vanished(int e)
{
	return (e == EINVAL || e == EIDRM);
}

/* What IPC_STAT adds. false: the object went away, drop it. */
static bool
complete_shm(struct watch_obj *o)
{
	struct shmid_ds	ds;

	if (shmctl(o->shm.id, IPC_STAT, &ds) == 0)
		return (o->readable = true);
	o->err = errno;
	return (!vanished(errno));
}

static bool
complete_msg(struct watch_obj *o)
{
	struct msqid_ds	ds;

	if (msgctl(o->msq.id, IPC_STAT, &ds) == 0) {
		/* Only here: /proc/sysvipc/msg has no qbytes. */
		o->msq.qbytes = ds.msg_qbytes;
		return (o->readable = true);
	}
	o->err = errno;
	return (!vanished(errno));
}

static bool
complete_sem(struct watch_obj *o)
{
	struct semid_ds	 ds;
	union semun	 arg;
	unsigned short	*v;
	int		 i, n = o->sem.nsems, id = o->sem.id;

	arg.buf = &ds;
	if (semctl(id, 0, IPC_STAT, arg) == -1) {
		o->err = errno;
		return (!vanished(errno));
	}
	o->readable = true;
	if (n <= 0)
		return (true);
	v = xcalloc((size_t)n, sizeof(*v));
	arg.array = v;
	if (semctl(id, 0, GETALL, arg) == -1) {
		free(v);
		return (!vanished(errno));
	}
	o->sem.values = xcalloc((size_t)n, sizeof(int));
	o->sem.ncnt = xcalloc((size_t)n, sizeof(int));
	o->sem.zcnt = xcalloc((size_t)n, sizeof(int));
	o->sem.pid = xcalloc((size_t)n, sizeof(pid_t));
	for (i = 0; i < n; i++) {
		o->sem.values[i] = v[i];
		o->sem.ncnt[i] = semctl(id, i, GETNCNT);
		o->sem.zcnt[i] = semctl(id, i, GETZCNT);
		o->sem.pid[i] = semctl(id, i, GETPID);
	}
	free(v);
	return (true);
}

/* One /proc/sysvipc file, each line an object; -1 if it cannot be read. */
static int
read_table(struct watch_list *l, const char *path,
    int (*parse)(const char *, struct watch_obj *),
    bool (*complete)(struct watch_obj *))
{
	struct watch_obj	*o;
	char			*line = NULL;
	size_t			 cap = 0;
	FILE			*f;

	if ((f = fopen(path, "re")) == NULL)
		return (-1);
	/* The first line names the columns. */
	if (getline(&line, &cap, f) == -1) {
		free(line);
		fclose(f);
		return (0);
	}
	while (getline(&line, &cap, f) != -1) {
		o = watch_add(l);
		if (parse(line, o) == -1 || !complete(o)) {
			free(o->sem.values);
			free(o->sem.ncnt);
			free(o->sem.zcnt);
			free(o->sem.pid);
			l->n--;
			continue;
		}
		owner_name(o->uid, o->owner, sizeof(o->owner));
	}
	free(line);
	fclose(f);
	return (0);
}

int
watch_sample_sysv(struct watch_list *l)
{
	int	rc = 0;

	if (read_table(l, "/proc/sysvipc/shm", watch_parse_shm,
	    complete_shm) == -1)
		rc = -1;
	if (read_table(l, "/proc/sysvipc/msg", watch_parse_msg,
	    complete_msg) == -1)
		rc = -1;
	if (read_table(l, "/proc/sysvipc/sem", watch_parse_sem,
	    complete_sem) == -1)
		rc = -1;
	if (rc == -1)
		strlcpy(l->notes, "/proc/sysvipc cannot be read (a kernel "
		    "without CONFIG_SYSVIPC, or no /proc): no System V "
		    "object is shown", sizeof(l->notes));
	return (rc);
}
