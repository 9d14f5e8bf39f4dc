/*
 * Why a call failed, from one table (see limits.h). A row is a call, the
 * argument that tells which use of it is meant (F_SETPIPE_SZ of fcntl),
 * an errno, and its causes: the first whose test holds on the values read
 * now is named; when none can be shown to hold, the first is. The errno
 * meanings are the kernel's (ipc/shm.c newseg, ipc/sem.c newary and
 * do_semtimedop, ipc/msg.c, ipc/mqueue.c, fs/pipe.c, kernel/fork.c) as
 * the man pages of each call describe them.
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/limits.h"
#include "ipcscope/procfs.h"

/* How a limit is read, shown and raised. */
struct limit_def {
	const char		*name;		/* "kernel.shmmni", "SEMMNI" */
	const char		*path;		/* its /proc/sys file; NULL: rlimit */
	int			 field;		/* 1..4 of kernel.sem; 0: the file */
	int			 resource;	/* an rlimit's RLIMIT_* */
	const char		*ulimit;	/* how a shell sets the rlimit */
	const char		*unit;		/* " bytes", " pages" or "" */
	unsigned long long	 dflt;		/* the kernel's default: the least
						 * to suggest; 0: none worth it */
	bool			 zero_none;	/* 0 means no limit */
	bool			 set;		/* suggest dflt, do not raise */
};

#define SYSCTL(n, p, u, d)	{ (n), (p), 0, 0, NULL, (u), (d), false, false }
#define SEMFIELD(n, f, d)	{ (n), "/proc/sys/kernel/sem", (f), 0, NULL, \
				  "", (d), false, false }
#define RLIM(n, r, sh, u, d)	{ (n), NULL, 0, (r), (sh), (u), (d), false, \
				  false }

static const struct limit_def defs[LIM_COUNT] = {
	[LIM_SHMMNI] = SYSCTL("kernel.shmmni", "/proc/sys/kernel/shmmni", "",
	    4096),
	[LIM_SHMALL] = SYSCTL("kernel.shmall", "/proc/sys/kernel/shmall",
	    " pages", 0),
	[LIM_SHMMAX] = SYSCTL("kernel.shmmax", "/proc/sys/kernel/shmmax",
	    " bytes", 0),
	[LIM_SEMMSL] = SEMFIELD("SEMMSL", 1, 32000),
	[LIM_SEMMNS] = SEMFIELD("SEMMNS", 2, 1024000000),
	[LIM_SEMOPM] = SEMFIELD("SEMOPM", 3, 500),
	[LIM_SEMMNI] = SEMFIELD("SEMMNI", 4, 32000),
	[LIM_MSGMNI] = SYSCTL("kernel.msgmni", "/proc/sys/kernel/msgmni", "",
	    32000),
	[LIM_MSGMNB] = SYSCTL("kernel.msgmnb", "/proc/sys/kernel/msgmnb",
	    " bytes", 16384),
	[LIM_MSGMAX] = SYSCTL("kernel.msgmax", "/proc/sys/kernel/msgmax",
	    " bytes", 8192),
	[LIM_MQ_QUEUES_MAX] = SYSCTL("fs.mqueue.queues_max",
	    "/proc/sys/fs/mqueue/queues_max", "", 256),
	[LIM_MQ_MSG_MAX] = SYSCTL("fs.mqueue.msg_max",
	    "/proc/sys/fs/mqueue/msg_max", "", 10),
	[LIM_MQ_MSGSIZE_MAX] = SYSCTL("fs.mqueue.msgsize_max",
	    "/proc/sys/fs/mqueue/msgsize_max", " bytes", 8192),
	[LIM_PIPE_MAX_SIZE] = SYSCTL("fs.pipe-max-size",
	    "/proc/sys/fs/pipe-max-size", " bytes", 1048576),
	[LIM_PIPE_PAGES_SOFT] = { "fs.pipe-user-pages-soft",
	    "/proc/sys/fs/pipe-user-pages-soft", 0, 0, NULL, " pages", 16384,
	    true, false },
	[LIM_PIPE_PAGES_HARD] = { "fs.pipe-user-pages-hard",
	    "/proc/sys/fs/pipe-user-pages-hard", 0, 0, NULL, " pages", 0,
	    true, false },
	[LIM_FILE_MAX] = SYSCTL("fs.file-max", "/proc/sys/fs/file-max", "", 0),
	[LIM_THREADS_MAX] = SYSCTL("kernel.threads-max",
	    "/proc/sys/kernel/threads-max", "", 0),
	[LIM_PID_MAX] = SYSCTL("kernel.pid_max", "/proc/sys/kernel/pid_max",
	    "", 32768),
	[LIM_MAX_MAP_COUNT] = SYSCTL("vm.max_map_count",
	    "/proc/sys/vm/max_map_count", "", 65530),
	[LIM_OVERCOMMIT] = { "vm.overcommit_memory",
	    "/proc/sys/vm/overcommit_memory", 0, 0, NULL, "", 0, false, true },
	[LIM_RLIMIT_MSGQUEUE] = RLIM("RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE,
	    "ulimit -q", " bytes", 819200),
	[LIM_RLIMIT_NOFILE] = RLIM("RLIMIT_NOFILE", RLIMIT_NOFILE, "ulimit -n",
	    "", 1024),
	[LIM_RLIMIT_NPROC] = RLIM("RLIMIT_NPROC", RLIMIT_NPROC, "ulimit -u",
	    "", 0),
};

/* When a cause holds, and what number "#" in its words stands for. */
enum test {
	T_ANY,		/* whenever the limit is known: nothing to measure */
	T_IDS,		/* one more object than in use passes it */
	T_PAGES,	/* the pages in use plus the asked bytes' pass it */
	T_SUM,		/* the count in use plus the asked count pass it */
	T_BYTES,	/* the asked bytes pass it */
	T_COUNT,	/* the asked count passes it */
	T_NOT_DFLT,	/* it is not at its default */
	T_TEXT		/* no limit to read: the words say it all */
};

/*
 * The words of a cause: "#" is the asked number, "@" the object, and a
 * part in [brackets] is left out when the number is unknown (0).
 */
struct cause {
	int		 lim;		/* enum limit_id; T_TEXT: unused */
	int		 test;		/* enum test */
	int		 use;		/* enum limit_use, for T_IDS/PAGES/SUM */
	const char	*what;		/* what could not be done */
	const char	*alt;		/* another way out, or NULL */
};

#define CAUSES_MAX	4

struct row {
	const char	*call;		/* NULL: any call */
	const char	*arg;		/* must appear in the call, or NULL */
	int		 err;
	bool		 limit;		/* a kernel limit, not a plain error */
	struct cause	 cause[CAUSES_MAX];
};

#define SMALLER	", or use a smaller --item-size"
#define FEWER	", or use fewer --slots"
#define DEVSHM	"/dev/shm is full or too small: see df /dev/shm; make room, " \
		"or remount it larger (mount -o remount,size=...)"

static const struct row rows[] = {
	{ "shmget", NULL, ENOSPC, true, {
	    { LIM_SHMMNI, T_IDS, USE_SHM_IDS, "no segment can be made", NULL },
	    { LIM_SHMALL, T_PAGES, USE_SHM_PAGES, "[a segment of # bytes ]would "
		"pass the total of shared memory", NULL } } },
	{ "shmget", NULL, EINVAL, true, {
	    { LIM_SHMMAX, T_BYTES, 0, "a segment[ of # bytes] is too large",
		FEWER " or a smaller --item-size" } } },
	{ "shmget", NULL, ENOMEM, true, {
	    { LIM_OVERCOMMIT, T_NOT_DFLT, 0, "the kernel will not commit "
		"memory[ for # bytes]", NULL },
	    { 0, T_TEXT, 0, "the kernel has no memory[ for # bytes]: see "
		"free -m", NULL } } },
	{ "semget", NULL, ENOSPC, true, {
	    { LIM_SEMMNI, T_IDS, USE_SEM_SETS, "no semaphore set can be made",
		NULL },
	    { LIM_SEMMNS, T_SUM, USE_SEMS, "[# more semaphores ]would pass the "
		"total of semaphores", NULL } } },
	{ "semget", NULL, EINVAL, true, {
	    { LIM_SEMMSL, T_COUNT, 0, "a set[ of # semaphores] is too large",
		NULL } } },
	{ "semop", NULL, E2BIG, true, {
	    { LIM_SEMOPM, T_COUNT, 0, "too many operations in one call[ (#)]",
		NULL } } },
	{ "msgget", NULL, ENOSPC, true, {
	    { LIM_MSGMNI, T_IDS, USE_MSG_QUEUES, "no queue can be made",
		NULL } } },
	{ "msgctl", "IPC_SET", EPERM, true, {
	    { LIM_MSGMNB, T_BYTES, 0, "a queue[ of # bytes] is too large",
		SMALLER } } },
	{ "msgsnd", NULL, EINVAL, true, {
	    { LIM_MSGMAX, T_BYTES, 0, "a message[ of # bytes] is too large",
		SMALLER } } },
	{ "mq_open", NULL, EINVAL, true, {
	    { LIM_MQ_MSG_MAX, T_COUNT, 0, "a queue[ of # messages] is too "
		"long", FEWER },
	    { LIM_MQ_MSGSIZE_MAX, T_BYTES, 0, "a message[ of # bytes] is too "
		"large", SMALLER } } },
	{ "mq_open", NULL, ENOSPC, true, {
	    { LIM_MQ_QUEUES_MAX, T_ANY, 0, "no queue can be made", NULL } } },
	{ "mq_open", NULL, EMFILE, true, {
	    { LIM_RLIMIT_NOFILE, T_IDS, USE_FDS, "no descriptor can be opened",
		NULL },
	    { LIM_RLIMIT_MSGQUEUE, T_ANY, 0, "the queue's messages[ (# bytes)] "
		"do not fit in what this user's queues may hold",
		SMALLER } } },
	{ "mq_open", NULL, ENOSYS, false, {
	    { 0, T_TEXT, 0, "this kernel has no POSIX message queues "
		"(CONFIG_POSIX_MQUEUE)", NULL } } },
	{ "fcntl", "F_SETPIPE_SZ", EPERM, true, {
	    { LIM_PIPE_MAX_SIZE, T_BYTES, 0, "a pipe[ of # bytes] is too "
		"large", FEWER },
	    { LIM_PIPE_PAGES_SOFT, T_ANY, 0, "this user's pipes already use "
		"their share of pages", FEWER },
	    { LIM_PIPE_PAGES_HARD, T_ANY, 0, "this user's pipes already use "
		"all their pages", FEWER } } },
	{ "fcntl", "F_SETPIPE_SZ", EBUSY, false, {
	    { 0, T_TEXT, 0, "the pipe holds more than it would[ (# bytes)]: a "
		"pipe cannot shrink below what is queued in it", NULL } } },
	{ "pipe2", NULL, ENFILE, true, {
	    { LIM_FILE_MAX, T_IDS, USE_FILES, "no file can be opened on this "
		"machine", NULL },
	    { LIM_PIPE_PAGES_HARD, T_ANY, 0, "this user's pipes already use "
		"all their pages", NULL } } },
	{ "fork", NULL, EAGAIN, true, {
	    { LIM_THREADS_MAX, T_IDS, USE_THREADS, "no process can be made",
		NULL },
	    { LIM_PID_MAX, T_IDS, USE_THREADS, "no process can be made", NULL },
	    { LIM_RLIMIT_NPROC, T_ANY, 0, "no process can be made", NULL },
	    { 0, T_TEXT, 0, "no process can be made: a cgroup's pids.max "
		"(/sys/fs/cgroup/.../pids.max) may be reached", NULL } } },
	{ "mmap", NULL, ENOMEM, true, {
	    { LIM_MAX_MAP_COUNT, T_ANY, 0, "no mapping can be made (or memory "
		"is short)", NULL } } },
	{ "shmat", NULL, ENOMEM, true, {
	    { LIM_MAX_MAP_COUNT, T_ANY, 0, "no mapping can be made (or memory "
		"is short)", NULL } } },
	{ "shm_open", NULL, ENOSPC, true, { { 0, T_TEXT, 0, DEVSHM, NULL } } },
	{ "ftruncate", NULL, EFBIG, true, { { 0, T_TEXT, 0, DEVSHM, NULL } } },
	{ "posix_fallocate", NULL, ENOSPC, true,
	    { { 0, T_TEXT, 0, DEVSHM, NULL } } },
	{ "posix_fallocate", NULL, EFBIG, true,
	    { { 0, T_TEXT, 0, DEVSHM, NULL } } },
	/* Any call that makes a descriptor or an object. */
	{ NULL, NULL, EMFILE, true, {
	    { LIM_RLIMIT_NOFILE, T_IDS, USE_FDS, "no descriptor can be opened",
		NULL } } },
	{ NULL, NULL, ENFILE, true, {
	    { LIM_FILE_MAX, T_IDS, USE_FILES, "no file can be opened on this "
		"machine", NULL } } },
	{ NULL, NULL, EEXIST, false, {
	    { 0, T_TEXT, 0, "@ is taken: a leftover of an earlier run (see "
		"ipcscope clean) or another program's", NULL } } },
	{ NULL, NULL, EACCES, false, {
	    { 0, T_TEXT, 0, "Permission denied: the owner or mode of @ keeps "
		"this process out", NULL } } },
};

#define NROWS	((int)(sizeof(rows) / sizeof(rows[0])))

static void
read_value(const struct limit_def *d, unsigned long long *v)
{
	unsigned long long	 sem[4];
	struct rlimit		 rl;

	*v = LIMITS_UNKNOWN;
	if (d->path == NULL) {
		if (getrlimit(d->resource, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY)
			*v = rl.rlim_cur;
		/* The kernel lets the root user past RLIMIT_NPROC. */
		if (d->resource == RLIMIT_NPROC && getuid() == 0)
			*v = LIMITS_UNKNOWN;
	} else if (d->field > 0) {
		if (procfs_sysctl_fields(d->path, sem, 4) == 4)
			*v = sem[d->field - 1];
	} else if (procfs_sysctl_fields(d->path, v, 1) != 1)
		*v = LIMITS_UNKNOWN;
}

void
limits_read(struct limits_now *now)
{
	struct shm_info		 shm;
	struct seminfo		 sem;
	struct msginfo		 msg;
	unsigned long long	 files;
	long			 n;
	int			 i;

	for (i = 0; i < LIM_COUNT; i++)
		read_value(&defs[i], &now->value[i]);
	for (i = 0; i < USE_COUNT; i++)
		now->used[i] = LIMITS_UNKNOWN;
	if (shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&shm) != -1) {
		now->used[USE_SHM_IDS] = (unsigned long long)shm.used_ids;
		now->used[USE_SHM_PAGES] = shm.shm_tot;
	}
	if (semctl(0, 0, SEM_INFO, &sem) != -1) {
		now->used[USE_SEM_SETS] = (unsigned long long)sem.semusz;
		now->used[USE_SEMS] = (unsigned long long)sem.semaem;
	}
	if (msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&msg) != -1)
		now->used[USE_MSG_QUEUES] = (unsigned long long)msg.msgpool;
	if (procfs_sysctl_fields("/proc/sys/fs/file-nr", &files, 1) == 1)
		now->used[USE_FILES] = files;
	if ((n = procfs_nfds()) >= 0)
		now->used[USE_FDS] = (unsigned long long)n;
	if ((n = procfs_tasks()) >= 0)
		now->used[USE_THREADS] = (unsigned long long)n;
	n = sysconf(_SC_PAGESIZE);
	now->page = n > 0 ? (unsigned long)n : 4096;
}

/* The call's own name: "semop" of "semop(empty, -1)", "pipe2" of
 * "pipe2 (the viewer's peek pipe)". */
static bool
call_is(const char *call, const char *name)
{
	size_t	n = strlen(name);

	return (strncmp(call, name, n) == 0 &&
	    (call[n] == '\0' || call[n] == '(' || call[n] == ' '));
}

static const struct row *
find_row(const char *call, int err)
{
	const struct row	*r;

	for (r = rows; r < rows + NROWS; r++) {
		if (r->err != err)
			continue;
		if (r->call == NULL)
			return (r);
		if (call_is(call, r->call) &&
		    (r->arg == NULL || strstr(call, r->arg) != NULL))
			return (r);
	}
	return (NULL);
}

/* The number "#" stands for in a cause's words. */
static unsigned long long
asked(const struct cause *c, const struct limits_ask *ask)
{
	if (ask == NULL)
		return (0);
	switch (c->test) {
	case T_COUNT:
	case T_SUM:
		return (ask->count);
	case T_ANY:
	case T_IDS:
		return (ask->count > 1 ? (unsigned long long)ask->bytes *
		    ask->count : ask->bytes);
	default:
		return (ask->bytes);
	}
}

static unsigned long long
pages(unsigned long long bytes, unsigned long page)
{
	return ((bytes + page - 1) / page);
}

/* Does the cause hold on these values? need: the least that would do. */
static bool
holds(const struct cause *c, const struct limits_ask *ask,
    const struct limits_now *now, unsigned long long *need)
{
	unsigned long long	v = now->value[c->lim], n = asked(c, ask);
	unsigned long long	u = c->test == T_IDS || c->test == T_PAGES ||
				    c->test == T_SUM ? now->used[c->use] : 0;

	*need = 0;
	if (c->test == T_TEXT)
		return (true);
	if (v == LIMITS_UNKNOWN || (v == 0 && defs[c->lim].zero_none))
		return (false);
	switch (c->test) {
	case T_IDS:
		if (u == LIMITS_UNKNOWN)
			return (false);
		*need = u + 1;
		return (u + 1 > v);
	case T_PAGES:
		if (u == LIMITS_UNKNOWN || n == 0)
			return (false);
		*need = u + pages(n, now->page);
		return (*need > v);
	case T_SUM:
		if (u == LIMITS_UNKNOWN || n == 0)
			return (false);
		*need = u + n;
		return (*need > v);
	case T_BYTES:
	case T_COUNT:
		/* Unknown: it cannot be ruled out. */
		*need = n;
		return (n == 0 || n > v);
	case T_NOT_DFLT:
		return (v != defs[c->lim].dflt);
	default:
		return (true);
	}
}

/* "#" → n, "@" → the object, "[...]" only when n is known. */
static void
words(char *buf, size_t len, const char *fmt, unsigned long long n,
    const char *object)
{
	char		 num[32];
	const char	*p;
	size_t		 o = 0;
	bool		 skip = false;

	snprintf(num, sizeof(num), "%llu", n);
	for (p = fmt; *p != '\0' && o + 1 < len; p++) {
		if (*p == '[') {
			skip = n == 0;
			continue;
		}
		if (*p == ']') {
			skip = false;
			continue;
		}
		if (skip)
			continue;
		if (*p == '#' || *p == '@') {
			buf[o] = '\0';
			strlcat(buf, *p == '#' ? num : object != NULL ? object :
			    "the object", len);
			o = strlen(buf);
		} else
			buf[o++] = *p;
	}
	buf[o < len ? o : len - 1] = '\0';
}

/* "kernel.shmmni (/proc/sys/kernel/shmmni)", "SEMMNI (field 4 of ...)". */
static void
describe(char *buf, size_t len, const struct limit_def *d)
{
	if (d->path == NULL)
		snprintf(buf, len, "%s (%s)", d->name, d->ulimit);
	else if (d->field > 0)
		snprintf(buf, len, "%s (field %d of %s)", d->name, d->field,
		    d->path);
	else
		snprintf(buf, len, "%s (%s)", d->name, d->path);
}

/* How to raise it to want: "sysctl -w kernel.shmmni=4096". */
static void
raise_how(char *buf, size_t len, int lim, unsigned long long want,
    const struct limits_now *now)
{
	const struct limit_def	*d = &defs[lim];
	unsigned long long	 f[4];
	int			 i;

	if (d->path == NULL) {
		snprintf(buf, len, "raise it with %s %llu", d->ulimit, want);
		return;
	}
	if (d->field == 0) {
		snprintf(buf, len, "%s it (as root) with sysctl -w %s=%llu",
		    d->set ? "set" : "raise", d->name, want);
		return;
	}
	for (i = 0; i < 4; i++)
		f[i] = now->value[LIM_SEMMSL + i];
	f[d->field - 1] = want;
	for (i = 0; i < 4; i++)
		if (f[i] == LIMITS_UNKNOWN)
			f[i] = defs[LIM_SEMMSL + i].dflt;
	snprintf(buf, len, "raise it (as root) with sysctl -w kernel.sem=\"%llu "
	    "%llu %llu %llu\"", f[0], f[1], f[2], f[3]);
}

void
limits_format(char *buf, size_t len, const char *call, int err,
    const struct limits_ask *ask, const struct limits_now *now)
{
	const struct row	*r = find_row(call, err);
	const struct cause	*c = NULL;
	const struct limit_def	*d;
	const char		*object = ask != NULL ? ask->object : NULL;
	unsigned long long	 need = 0, v, u, want;
	bool			 shown;
	char			 what[160], desc[80], value[48], used[40];
	char			 how[160];
	int			 i;

	if (r == NULL) {
		snprintf(buf, len, "%s: %s", call, strerror(err));
		return;
	}
	for (i = 0; i < CAUSES_MAX && r->cause[i].what != NULL; i++)
		if (holds(&r->cause[i], ask, now, &need)) {
			c = &r->cause[i];
			break;
		}
	words(what, sizeof(what), (c != NULL ? c : &r->cause[0])->what,
	    asked(c != NULL ? c : &r->cause[0], ask), object);
	if (c != NULL && c->test == T_TEXT) {
		snprintf(buf, len, "%s: %s%s", call, what, c->alt != NULL ?
		    c->alt : "");
		return;
	}
	shown = c != NULL;
	if (c == NULL)
		c = &r->cause[0];
	d = &defs[c->lim];
	v = now->value[c->lim];
	describe(desc, sizeof(desc), d);
	if (v == LIMITS_UNKNOWN)
		strlcpy(value, d->path == NULL ? "unlimited" : "unknown",
		    sizeof(value));
	else
		snprintf(value, sizeof(value), "%llu%s", v, d->unit);
	used[0] = '\0';
	u = c->test == T_IDS || c->test == T_PAGES || c->test == T_SUM ?
	    now->used[c->use] : LIMITS_UNKNOWN;
	if (u != LIMITS_UNKNOWN)
		snprintf(used, sizeof(used), " (%llu in use)", u);
	/* No cause can be shown: the kernel's word, and where to look. */
	if (!shown) {
		snprintf(buf, len, "%s: %s; the limit is likely %s, which is "
		    "%s%s", call, strerror(err), desc, value, used);
		return;
	}
	/* The least that would do, but never less than the default, and
	 * always more than now. */
	want = d->set ? d->dflt : need;
	if (!d->set) {
		if (want < d->dflt)
			want = d->dflt;
		if (v != LIMITS_UNKNOWN && want <= v)
			want = v == 0 ? 1 : v < LIMITS_UNKNOWN / 2 ? v * 2 : v;
	}
	raise_how(how, sizeof(how), c->lim, want, now);
	snprintf(buf, len, "%s: %s: %s is %s%s; %s%s", call, what, desc, value,
	    used, how, c->alt != NULL ? c->alt : "");
}

void
limits_explain(char *buf, size_t len, const char *call, int err,
    const struct limits_ask *ask)
{
	struct limits_now	now;

	limits_read(&now);
	limits_format(buf, len, call, err, ask, &now);
}

bool
limits_hit(const char *call, int err)
{
	const struct row	*r = find_row(call, err);

	return (r != NULL && r->limit);
}

const char *
limits_object(const char *call)
{
	static const struct {
		const char	*call;
		const char	*object;
	} objects[] = {
		{ "shmat", "the segment" }, { "shmget", "the segment" },
		{ "semget", "the semaphore set" }, { "semop", "the semaphores" },
		{ "msgget", "the queue" }, { "mq_open", "the queue" },
		{ "shm_open", "the shared memory object" },
		{ "mmap", "the shared memory object" },
		{ "open", "the FIFO" }, { "fcntl", "the FIFO" },
	};
	size_t	i;

	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (call_is(call, objects[i].call))
			return (objects[i].object);
	return ("its objects");
}

int
limits_nrows(void)
{
	return (NROWS);
}

int
limits_find(const char *call, int err)
{
	const struct row	*r = find_row(call, err);

	return (r == NULL ? -1 : (int)(r - rows));
}
