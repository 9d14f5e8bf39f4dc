/*
 * `ipcscope clean`, the reader's side of run files: a run is judged dead
 * by its lock, a run file is read strictly, and an object is removed only
 * when the kernel confirms it is the one that run made (see clean.h).
 */
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipcscope/clean.h"
#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"
#include "ipcscope/visible.h"

#define RECORDS_MAX	32

struct record {
	bool	made;		/* "made" (else "want") */
	char	kind[12];	/* shm sem msg posix-shm posix-mq fifo */
	key_t	key;		/* System V */
	int	id;		/* System V, made; -1 otherwise */
	char	name[96];	/* POSIX name or FIFO file name */
};

struct run {
	const char	*dir, *name;	/* the run directory, "run.TAG" */
	char		 path[PATH_MAX];
	const char	*tag;
	long long	 pid, start, started, pidns, ipcns;
	int		 nrec;
	struct record	 rec[RECORDS_MAX];
	FILE		*out;
	struct clean_report *rep;
};

static void
say(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct run *r, const char *fmt, ...)
{
	va_list	ap;

	if (r->out == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(r->out, fmt, ap);
	va_end(ap);
	fputc('\n', r->out);
}

/* A decimal number within [min, max], all of s. */
static bool
number(const char *s, long long min, long long max, long long *v)
{
	const char	*errstr;

	if (*s == '\0' || *s == '+' || *s == '-' || (s[0] == '0' && s[1] != '\0'))
		return (false);
	*v = strtonum(s, min, max, &errstr);
	return (errstr == NULL);
}

/* "0x%08x" and nothing else: what runfile_want() writes. */
static bool
hexkey(const char *s, key_t *key)
{
	char		*end;
	unsigned long	 v;

	if (strlen(s) != 10 || strncmp(s, "0x", 2) != 0 ||
	    strspn(s + 2, "0123456789abcdef") != 8)
		return (false);
	v = strtoul(s + 2, &end, 16);
	*key = (key_t)(unsigned)v;
	return (*end == '\0');
}

static bool
sysv_kind(const char *kind)
{
	return (strcmp(kind, "shm") == 0 || strcmp(kind, "sem") == 0 ||
	    strcmp(kind, "msg") == 0);
}

/* The name this run gives an object of kind: "/ipcscope.TAG.buf",
 * "ipcscope.TAG.fifo". Nothing else is ever its own. */
static bool
run_name(const struct run *r, const char *kind, const char *name)
{
	char		 want[96];
	const char	*sfx = runfile_suffix(kind);

	if (sfx == NULL)
		return (false);
	snprintf(want, sizeof(want), "%sipcscope.%s.%s",
	    strcmp(kind, "fifo") == 0 ? "" : "/", r->tag, sfx);
	return (strcmp(name, want) == 0);
}

/* One object record: "want KIND VALUE" or "made KIND VALUE [ID]". */
static const char *
parse_record(struct run *r, char **f, int nf)
{
	struct record	*rec;
	long long	 id;

	if (r->nrec == RECORDS_MAX)
		return ("more objects than a run makes");
	rec = &r->rec[r->nrec];
	memset(rec, 0, sizeof(*rec));
	rec->made = strcmp(f[0], "made") == 0;
	rec->id = -1;
	if (nf < 3 || strlen(f[1]) >= sizeof(rec->kind))
		return ("an object record needs a kind and a value");
	strlcpy(rec->kind, f[1], sizeof(rec->kind));
	if (sysv_kind(f[1])) {
		if (!hexkey(f[2], &rec->key))
			return ("a System V key is written 0x%08x");
		if (nf != (rec->made ? 4 : 3))
			return (rec->made ? "a made System V object needs its "
			    "id" : "too many fields");
		if (rec->made) {
			if (!number(f[3], 0, 0x7fffffff, &id))
				return ("the id is not a number");
			rec->id = (int)id;
		}
	} else if (runfile_suffix(f[1]) != NULL) {
		if (nf != 3)
			return ("too many fields");
		if (!run_name(r, f[1], f[2]))
			return ("not a name this run makes (ipcscope.TAG.*)");
		strlcpy(rec->name, f[2], sizeof(rec->name));
	} else
		return ("unknown kind of object");
	r->nrec++;
	return (NULL);
}

/* The header fields, each once. */
static const char *
parse_field(struct run *r, char **f, int nf, unsigned *seen)
{
	static const char *const names[] = { "pid", "start", "started",
	    "pidns", "ipcns" };
	static const long long	 max[] = { 0x3fffffff, LLONG_MAX, LLONG_MAX,
	    0xffffffffLL, 0xffffffffLL };
	long long		*dst[] = { &r->pid, &r->start, &r->started,
	    &r->pidns, &r->ipcns };
	unsigned		 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(f[0], names[i]) != 0)
			continue;
		if (nf != 2 || !number(f[1], 1, max[i], dst[i]))
			return ("needs one positive number");
		if (*seen & (1u << i))
			return ("given twice");
		*seen |= 1u << i;
		return (NULL);
	}
	return ("unknown record");
}

/* Split buf (one line, no newline) on single spaces, at most max fields. */
static int
split(char *buf, char **f, int max)
{
	int	n = 0;
	char	*p;

	while ((p = strsep(&buf, " ")) != NULL) {
		if (*p == '\0' || n == max)
			return (-1);
		f[n++] = p;
	}
	return (n);
}

/* Read and check the whole file; 0, or -1 after saying what was wrong. */
static int
parse(struct run *r, int fd)
{
	static char	 buf[RUNFILE_MAX_BYTES + 1];
	char		*line, *next, *f[5];
	const char	*why = NULL;
	unsigned	 seen = 0;
	ssize_t		 n;
	size_t		 len = 0;
	int		 nf = 0, no = 0;
	long long	 ver;

	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	if (n == -1 || len == 0 || len >= sizeof(buf) - 1 ||
	    memchr(buf, '\0', len) != NULL) {
		say(r, "%s: %s, not a run file; left alone", r->name,
		    n == -1 ? strerror(errno) : len == 0 ? "empty" :
		    len >= sizeof(buf) - 1 ? "too large" : "binary");
		return (-1);
	}
	buf[len] = '\0';
	for (line = buf; why == NULL && *line != '\0'; line = next) {
		no++;
		if ((next = strchr(line, '\n')) == NULL) {
			why = "cut short (no newline at the end)";
			break;
		}
		*next++ = '\0';
		if ((nf = split(line, f, 5)) <= 0)
			why = "not records separated by one space";
		else if (no == 1)
			why = strcmp(f[0], "ipcscope-run") != 0 || nf != 2 ?
			    "does not start with ipcscope-run" :
			    !number(f[1], 1, 1000, &ver) ? "bad version" :
			    ver != RUNFILE_VERSION ? "written by another "
			    "version of ipcscope" : NULL;
		else if (strcmp(f[0], "want") == 0 || strcmp(f[0], "made") == 0)
			why = (seen & 0x1f) != 0x1f ? "an object before the "
			    "header is complete" : parse_record(r, f, nf);
		else
			why = parse_field(r, f, nf, &seen);
	}
	if (why == NULL && (seen & 0x1f) != 0x1f)
		why = "the header is incomplete (pid, start, started, pidns, "
		    "ipcns)";
	if (why != NULL) {
		say(r, "%s line %d: %s (%s); left alone", r->name, no, why,
		    visible(nf > 0 ? f[0] : ""));
		return (-1);
	}
	return (0);
}

/* The System V object with key, by id; -1 if there is none. */
static int
sysv_lookup(const char *kind, key_t key)
{
	if (kind[1] == 'h')
		return (shmget(key, 0, 0));
	if (kind[1] == 'e')
		return (semget(key, 0, 0));
	return (msgget(key, 0));
}

/* The kernel's word that id is the object this run made, or why not. */
static const char *
sysv_proof(const struct run *r, const char *kind, int id, key_t key)
{
	struct shmid_ds	 s;
	struct semid_ds	 m;
	struct msqid_ds	 q;
	struct ipc_perm	*p;
	time_t		 ctime;

	if (kind[1] == 'h') {
		if (shmctl(id, IPC_STAT, &s) == -1)
			return ("gone");
		p = &s.shm_perm;
		ctime = s.shm_ctime;
		/* The viewer makes every object (pids only mean something
		 * in the run's own PID namespace). */
		if ((unsigned long)r->pidns == procfs_pid_ns() &&
		    s.shm_cpid != (pid_t)r->pid)
			return ("made by another process");
	} else if (kind[1] == 'e') {
		if (semctl(id, 0, IPC_STAT, &m) == -1)
			return ("gone");
		p = &m.sem_perm;
		ctime = m.sem_ctime;
	} else {
		if (msgctl(id, IPC_STAT, &q) == -1)
			return ("gone");
		p = &q.msg_perm;
		ctime = q.msg_ctime;
	}
	if (p->__key != key)
		return ("its key is not this run's");
	if (p->cuid != getuid() || p->uid != getuid())
		return ("not made by you");
	if ((p->mode & 0777) != 0600)
		return ("not mode 0600, as ipcscope makes it");
	if (ctime < r->started)
		return ("older than the run");
	return (NULL);
}

static int
sysv_remove(const char *kind, int id)
{
	if (kind[1] == 'h')
		return (shmctl(id, IPC_RMID, NULL));
	if (kind[1] == 'e')
		return (semctl(id, 0, IPC_RMID));
	return (msgctl(id, IPC_RMID, NULL));
}

/* Why st is not an object this run made, or NULL. */
static const char *
file_proof(const struct run *r, const struct stat *st, bool fifo)
{
	if (fifo ? !S_ISFIFO(st->st_mode) : !S_ISREG(st->st_mode))
		return ("not the kind of file ipcscope makes");
	if (st->st_uid != getuid())
		return ("not made by you");
	if ((st->st_mode & 0777) != 0600)
		return ("not mode 0600, as ipcscope makes it");
	if (st->st_ctime < r->started)
		return ("older than the run");
	return (NULL);
}

/* A POSIX object or FIFO: prove, remove. "gone", a reason, or NULL. */
static const char *
posix_clean(const struct run *r, const struct record *rec, int dirfd)
{
	char		 path[160];
	const char	*why;
	struct stat	 st;
	mqd_t		 q;
	int		 e;

	if (strcmp(rec->kind, "fifo") == 0) {
		if (fstatat(dirfd, rec->name, &st, AT_SYMLINK_NOFOLLOW) == -1)
			return ("gone");
		if ((why = file_proof(r, &st, true)) != NULL)
			return (why);
		return (unlinkat(dirfd, rec->name, 0) == 0 ? NULL : "gone");
	}
	if (strcmp(rec->kind, "posix-shm") == 0) {
		snprintf(path, sizeof(path), "/dev/shm%s", rec->name);
		if (lstat(path, &st) == -1)
			return ("gone");
		if ((why = file_proof(r, &st, false)) != NULL)
			return (why);
		return (shm_unlink(rec->name) == 0 ? NULL : "gone");
	}
	/* A queue's owner and times: fstat on its descriptor. */
	if ((q = mq_open(rec->name, O_RDONLY | O_NONBLOCK)) == (mqd_t)-1)
		return (errno == ENOENT ? "gone" : "cannot be opened");
	e = fstat(q, &st);
	mq_close(q);
	if (e == -1)
		return ("cannot be examined");
	if ((why = file_proof(r, &st, false)) != NULL)
		return (why);
	return (mq_unlink(rec->name) == 0 ? NULL : "gone");
}

/* Did a later record already cover this object? ("made" after "want".) */
static bool
covered(const struct run *r, int i)
{
	const struct record	*a = &r->rec[i], *b;
	int			 j;

	for (j = i + 1; j < r->nrec; j++) {
		b = &r->rec[j];
		if (strcmp(a->kind, b->kind) == 0 && a->key == b->key &&
		    strcmp(a->name, b->name) == 0)
			return (true);
	}
	return (false);
}

static void
clean_records(struct run *r, int dirfd)
{
	struct record	*rec;
	const char	*why;
	char		 what[128];
	int		 i, id;

	for (i = 0; i < r->nrec; i++) {
		rec = &r->rec[i];
		if (covered(r, i))
			continue;
		if (sysv_kind(rec->kind)) {
			snprintf(what, sizeof(what), "%s key 0x%08x",
			    rec->kind, (unsigned)rec->key);
			id = sysv_lookup(rec->kind, rec->key);
			/* The key proves which run file it came from. */
			if (rec->key != runfile_ftok(r->path, rec->kind))
				why = "its key is not this run file's ftok()";
			else if (id == -1)
				why = "gone";
			else if (rec->made && id != rec->id)
				why = "its key now names another id";
			else if ((why = sysv_proof(r, rec->kind, id,
			    rec->key)) == NULL && sysv_remove(rec->kind,
			    id) == -1)
				why = "gone";
			if (why == NULL)
				snprintf(what, sizeof(what), "%s %d (key "
				    "0x%08x)", rec->kind, id,
				    (unsigned)rec->key);
		} else {
			snprintf(what, sizeof(what), "%s %s", rec->kind,
			    rec->name);
			why = posix_clean(r, rec, dirfd);
		}
		if (why == NULL) {
			say(r, "  removed %s", what);
			r->rep->objects_removed++;
		} else if (strcmp(why, "gone") == 0)
			say(r, "  %s: gone already", what);
		else {
			say(r, "  %s: %s, left alone", what, why);
			r->rep->refused++;
		}
	}
}

/*
 * Is anybody of the run still there? Its lock says so in any namespace;
 * in our own PID namespace /proc is asked too, as a second opinion.
 */
static bool
alive(struct run *r, int fd)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		say(r, "run %s: still running (its run file is locked), left "
		    "alone", r->tag);
		return (true);
	}
	if ((unsigned long)r->pidns == procfs_pid_ns()) {
		/* Our own pid: a new run that reused a dead run's pid (in
		 * the same clock tick, the start times match too). */
		if ((pid_t)r->pid != getpid() &&
		    procfs_starttime((pid_t)r->pid) ==
		    (unsigned long long)r->start) {
			say(r, "run %s: still running (pid %lld), left alone",
			    r->tag, r->pid);
			return (true);
		}
		say(r, "run %s: its viewer is gone", r->tag);
	} else
		say(r, "run %s: started in another PID namespace; nobody holds "
		    "its lock, so its viewer and workers are gone", r->tag);
	return (false);
}

/* Open dir/name as a run file: ours, regular, not a link, not a FIFO. */
static int
open_run(struct run *r, int dirfd)
{
	struct stat	st, lst;
	int		fd;

	fd = openat(dirfd, r->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd == -1) {
		if (errno != ENOENT)	/* ENOENT: its run just ended */
			say(r, "%s: %s; left alone", r->name, errno == ELOOP ?
			    "a symbolic link, not a run file" : strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_uid != getuid() || st.st_nlink != 1 ||
	    st.st_size > RUNFILE_MAX_BYTES) {
		say(r, "%s: not a run file (%s); left alone", r->name,
		    !S_ISREG(st.st_mode) ? "not a regular file" :
		    st.st_uid != getuid() ? "not yours" : st.st_nlink != 1 ?
		    "it has other links" : "too large");
		close(fd);
		return (-1);
	}
	/* ftok() reads the path: it must still be this very file. */
	if (lstat(r->path, &lst) == -1 || lst.st_ino != st.st_ino ||
	    lst.st_dev != st.st_dev) {
		close(fd);
		return (-1);
	}
	return (fd);
}

/* "run.TAG", TAG the viewer's pid or pid-N. */
static bool
run_file_name(const char *name, const char **tag)
{
	size_t	n;

	if (strncmp(name, "run.", 4) != 0)
		return (false);
	*tag = name + 4;
	n = strspn(*tag, "0123456789");
	if (n == 0 || n > 10 || **tag == '0')
		return (false);
	if ((*tag)[n] == '-') {
		name = *tag + n + 1;
		if (name[0] < '1' || name[0] > '9' ||
		    strspn(name, "0123456789") != strlen(name) ||
		    strlen(name) > 3)
			return (false);
		return (true);
	}
	return ((*tag)[n] == '\0');
}

enum clean_result
clean_one_named(const char *dir, const char *name, FILE *out,
    struct clean_report *rep)
{
	static struct run	 r;
	enum clean_result	 res = CLEAN_SKIPPED;
	char			 tagpid[16];
	int			 dirfd, fd;

	memset(&r, 0, sizeof(r));
	r.dir = dir;
	r.name = name;
	r.out = out;
	r.rep = rep;
	snprintf(r.path, sizeof(r.path), "%s/%s", dir, name);
	if (!run_file_name(name, &r.tag)) {
		say(&r, "%s: not a run file name (run.PID); left alone",
		    visible(name));
		rep->skipped++;
		return (CLEAN_SKIPPED);
	}
	if ((dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (CLEAN_SKIPPED);
	if ((fd = open_run(&r, dirfd)) == -1) {
		close(dirfd);
		rep->skipped++;
		return (CLEAN_SKIPPED);
	}
	rep->runs_seen++;
	snprintf(tagpid, sizeof(tagpid), "%.*s", (int)strcspn(r.tag, "-"),
	    r.tag);
	if (parse(&r, fd) == -1)
		rep->skipped++;
	else if (strtoll(tagpid, NULL, 10) != r.pid) {
		say(&r, "%s: names pid %lld, not its own; left alone", name,
		    r.pid);
		rep->skipped++;
	} else if ((unsigned long)r.ipcns != procfs_ipc_ns()) {
		say(&r, "run %s: made in another IPC namespace (ipc:[%lld]), "
		    "where its ids mean other objects; left alone", r.tag,
		    r.ipcns);
		rep->skipped++;
	} else if (alive(&r, fd)) {
		rep->skipped++;
		res = CLEAN_LIVE;
	} else {
		clean_records(&r, dirfd);
		unlinkat(dirfd, name, 0);
		rep->runs_cleaned++;
		res = CLEAN_DONE;
	}
	close(fd);
	close(dirfd);
	return (res);
}

/* A file a run was writing when it died, before it had a name: nothing
 * is recorded in it yet. Left alone while its run holds the lock. */
static void
clean_unfinished(const char *dir, const char *name, FILE *out)
{
	struct stat	st;
	char		path[PATH_MAX];
	int		fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_uid == getuid() && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    unlink(path) == 0 && out != NULL)
		fprintf(out, "%s: an unfinished run file of a dead run, "
		    "removed\n", visible(name));
	close(fd);
}

int
clean_dir(const char *dir, FILE *out, struct clean_report *rep)
{
	struct dirent	*de;
	DIR		*d;

	memset(rep, 0, sizeof(*rep));
	if ((d = opendir(dir)) == NULL)
		return (errno == ENOENT ? 0 : -1);
	/* Unfinished files first: one killed as it linked its run file
	 * leaves a second link to it, which would make it look forged. */
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "tmp.", 4) == 0)
			clean_unfinished(dir, de->d_name, out);
	rewinddir(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "run.", 4) == 0)
			clean_one_named(dir, de->d_name, out, rep);
	closedir(d);
	return (0);
}
