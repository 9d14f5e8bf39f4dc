/*
 * `ipcscope clean`: a dead run's objects go, found by their records or,
 * for one killed between making an object and saying so, by its key or
 * name; a live run, and anything a run file names that the kernel does
 * not confirm as that run's own, stay. Hostile run files change nothing.
 */
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipcscope/clean.h"
#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"
#include "suites.h"

static char	dir[512];

static void
use_tmp_rundir(void)
{
	char	err[256];

	snprintf(dir, sizeof(dir), "%s/run", unit_tmpdir());
	setenv("IPCSCOPE_RUNDIR", dir, 1);
	ck_assert_msg(runfile_dir(dir, sizeof(dir), err, sizeof(err)) == 0,
	    "%s", err);
}

static bool
exists(const char *path)
{
	struct stat	st;

	return (lstat(path, &st) == 0);
}

static bool
sysv_exists(char kind, int id)
{
	struct shmid_ds	s;
	struct semid_ds	m;
	struct msqid_ds	q;

	if (kind == 'm')
		return (shmctl(id, IPC_STAT, &s) == 0);
	if (kind == 's')
		return (semctl(id, 0, IPC_STAT, &m) == 0);
	return (msgctl(id, IPC_STAT, &q) == 0);
}

static bool
mq_exists(const char *name)
{
	mqd_t	q;

	if ((q = mq_open(name, O_RDONLY | O_NONBLOCK)) == (mqd_t)-1)
		return (false);
	mq_close(q);
	return (true);
}

static void
write_file(const char *path, const char *text, size_t len)
{
	int	fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
}

static void
append(const char *path, const char *text)
{
	int	fd;

	ck_assert_int_ne(fd = open(path, O_WRONLY | O_APPEND), -1);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* What a dead run made, for the test to check. */
struct made {
	int	shm, sem, msg;
	char	pshm[64], mq[64], fifo[PATH_MAX];
};

enum how {
	MAKE_NOTHING,		/* a run that died before making anything */
	MAKE_RECORDED,		/* every object, with want and made */
	MAKE_UNRECORDED,	/* every object, killed before each "made" */
	MAKE_WANTED		/* "want" records only, nothing made */
};

/* In the child: the run's objects, made the way the transports do. */
static void
make_objects(struct runfile *rf, enum how how, struct made *m)
{
	struct mq_attr	a = { .mq_maxmsg = 2, .mq_msgsize = 64 };
	char		fifo[64];
	key_t		k;
	int		fd;

	memset(m, 0, sizeof(*m));
	m->shm = m->sem = m->msg = -1;
	if (how == MAKE_NOTHING)
		return;
	runfile_name(rf, "buf", m->pshm, sizeof(m->pshm));
	runfile_name(rf, "q", m->mq, sizeof(m->mq));
	snprintf(fifo, sizeof(fifo), "ipcscope.%s.fifo", rf->tag);
	snprintf(m->fifo, sizeof(m->fifo), "%.3000s/%s", rf->dir, fifo);
	runfile_want(rf, "shm", k = runfile_key(rf, "shm"), NULL);
	if (how != MAKE_WANTED &&
	    (m->shm = shmget(k, 4096, IPC_CREAT | IPC_EXCL | 0600)) != -1 &&
	    how == MAKE_RECORDED)
		runfile_made(rf, "shm", k, m->shm, NULL);
	runfile_want(rf, "sem", k = runfile_key(rf, "sem"), NULL);
	if (how != MAKE_WANTED &&
	    (m->sem = semget(k, 3, IPC_CREAT | IPC_EXCL | 0600)) != -1 &&
	    how == MAKE_RECORDED)
		runfile_made(rf, "sem", k, m->sem, NULL);
	runfile_want(rf, "msg", k = runfile_key(rf, "msg"), NULL);
	if (how != MAKE_WANTED &&
	    (m->msg = msgget(k, IPC_CREAT | IPC_EXCL | 0600)) != -1 &&
	    how == MAKE_RECORDED)
		runfile_made(rf, "msg", k, m->msg, NULL);
	runfile_want(rf, "posix-shm", 0, m->pshm);
	if (how != MAKE_WANTED) {
		fd = shm_open(m->pshm, O_CREAT | O_EXCL | O_RDWR, 0600);
		if (fd != -1 && how == MAKE_RECORDED)
			runfile_made(rf, "posix-shm", 0, -1, m->pshm);
	}
	runfile_want(rf, "posix-mq", 0, m->mq);
	if (how != MAKE_WANTED && mq_open(m->mq, O_CREAT | O_EXCL | O_RDWR,
	    0600, &a) != (mqd_t)-1 && how == MAKE_RECORDED)
		runfile_made(rf, "posix-mq", 0, -1, m->mq);
	runfile_want(rf, "fifo", 0, fifo);
	if (how != MAKE_WANTED && mkfifo(m->fifo, 0600) == 0 &&
	    how == MAKE_RECORDED)
		runfile_made(rf, "fifo", 0, -1, fifo);
}

/* A run whose every process is gone: a child makes its run file and its
 * objects, and exits without cleaning up. Its run file's path in path. */
static pid_t
dead_run(enum how how, struct made *m, char *path, size_t len)
{
	struct runfile	rf;
	char		err[256];
	int		fd[2];
	pid_t		pid;

	ck_assert_int_eq(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		umask(077);
		if (runfile_create(&rf, dir, err, sizeof(err)) == 0)
			make_objects(&rf, how, m);
		else
			m->shm = -2;
		(void)!write(fd[1], m, sizeof(*m));
		_exit(0);
	}
	ck_assert_int_gt(pid, 0);
	close(fd[1]);
	ck_assert_int_eq(read(fd[0], m, sizeof(*m)), (int)sizeof(*m));
	close(fd[0]);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ck_assert_int_ne(m->shm, -2);
	if (m->shm >= 0)
		unit_track('m', m->shm);
	if (m->sem >= 0)
		unit_track('s', m->sem);
	if (m->msg >= 0)
		unit_track('q', m->msg);
	snprintf(path, len, "%s/run.%d", dir, (int)pid);
	return (pid);
}

static char *
run_clean(struct clean_report *rep)
{
	char	*out;
	size_t	 len;
	FILE	*f;

	ck_assert_ptr_nonnull(f = open_memstream(&out, &len));
	ck_assert_int_eq(clean_dir(dir, f, rep), 0);
	fclose(f);
	return (out);
}

static void
assert_all_gone(const struct made *m)
{
	ck_assert_msg(!sysv_exists('m', m->shm), "segment %d left", m->shm);
	ck_assert_msg(!sysv_exists('s', m->sem), "semaphores %d left", m->sem);
	ck_assert_msg(!sysv_exists('q', m->msg), "queue %d left", m->msg);
	ck_assert_msg(!mq_exists(m->mq), "queue %s left", m->mq);
	ck_assert_msg(!exists(m->fifo), "FIFO %s left", m->fifo);
	ck_assert_msg(shm_unlink(m->pshm) == -1 && errno == ENOENT,
	    "POSIX segment %s left", m->pshm);
}

START_TEST(dead_runs_objects_go)
{
	struct clean_report	 rep;
	struct made		 rec, unrec, wanted;
	char			 prec[PATH_MAX], punrec[PATH_MAX];
	char			 pwanted[PATH_MAX], *out;

	use_tmp_rundir();
	dead_run(MAKE_RECORDED, &rec, prec, sizeof(prec));
	dead_run(MAKE_UNRECORDED, &unrec, punrec, sizeof(punrec));
	dead_run(MAKE_WANTED, &wanted, pwanted, sizeof(pwanted));
	ck_assert(sysv_exists('m', rec.shm) && sysv_exists('s', unrec.sem));
	ck_assert(mq_exists(unrec.mq) && exists(unrec.fifo));

	out = run_clean(&rep);
	assert_all_gone(&rec);
	assert_all_gone(&unrec);
	ck_assert(!exists(prec) && !exists(punrec) && !exists(pwanted));
	ck_assert_int_eq(rep.runs_seen, 3);
	ck_assert_int_eq(rep.runs_cleaned, 3);
	ck_assert_int_eq(rep.objects_removed, 12);
	ck_assert_int_eq(rep.skipped, 0);
	ck_assert_int_eq(rep.refused, 0);
	ck_assert_msg(strstr(out, "its viewer is gone") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "gone already") != NULL, "%s", out);
	free(out);
	/* Again: nothing more to do. */
	free(run_clean(&rep));
	ck_assert_int_eq(rep.runs_seen, 0);
}
END_TEST

/* A worker outlives its viewer and holds the inherited lock: the run is
 * still there until the worker goes too. */
START_TEST(a_living_worker_keeps_the_run)
{
	struct clean_report	 rep;
	struct runfile		 rf;
	char			 err[256], *out;
	int			 p[2], shm;
	pid_t			 viewer, worker = 0;

	use_tmp_rundir();
	ck_assert_int_eq(pipe(p), 0);
	if ((viewer = fork()) == 0) {
		if (runfile_create(&rf, dir, err, sizeof(err)) == -1)
			_exit(1);
		runfile_want(&rf, "shm", runfile_key(&rf, "shm"), NULL);
		shm = shmget(runfile_key(&rf, "shm"), 4096, IPC_CREAT | 0600);
		runfile_made(&rf, "shm", runfile_key(&rf, "shm"), shm, NULL);
		if ((worker = fork()) == 0) {
			pause();
			_exit(0);
		}
		(void)!write(p[1], &worker, sizeof(worker));
		(void)!write(p[1], &shm, sizeof(shm));
		_exit(0);
	}
	close(p[1]);
	ck_assert_int_eq(read(p[0], &worker, sizeof(worker)), sizeof(worker));
	ck_assert_int_eq(read(p[0], &shm, sizeof(shm)), sizeof(shm));
	unit_track('m', shm);
	ck_assert_int_eq(waitpid(viewer, NULL, 0), viewer);

	out = run_clean(&rep);
	ck_assert_msg(strstr(out, "still running (its run file is locked)") !=
	    NULL, "%s", out);
	ck_assert(sysv_exists('m', shm));
	ck_assert_int_eq(rep.skipped, 1);
	free(out);

	kill(worker, SIGKILL);
	while (kill(worker, 0) == 0 && unit_proc_state(worker) != 'Z')
		usleep(1000);
	/* The worker is a zombie of init's here: its files are closed. */
	out = run_clean(&rep);
	ck_assert_msg(!sysv_exists('m', shm), "%s", out);
	ck_assert_int_eq(rep.runs_cleaned, 1);
	free(out);
}
END_TEST

START_TEST(foreign_objects_stay)
{
	struct clean_report	 rep;
	struct made		 d, e;
	char			 pd[PATH_MAX], pe[PATH_MAX], text[256], *out;
	int			 right_key, wrong_mode, private, ipcmk, fd;
	pid_t			 epid;

	use_tmp_rundir();
	dead_run(MAKE_NOTHING, &d, pd, sizeof(pd));
	epid = dead_run(MAKE_NOTHING, &e, pe, sizeof(pe));

	/* The dead run's very key, but made by another process. */
	right_key = shmget(ftok(pd, 'm'), 4096, IPC_CREAT | IPC_EXCL | 0600);
	ck_assert_int_ge(right_key, 0);
	unit_track('m', right_key);
	snprintf(text, sizeof(text), "made shm 0x%08x %d\n",
	    (unsigned)ftok(pd, 'm'), right_key);
	append(pd, text);
	/* Its key, but not the mode ipcscope gives. */
	wrong_mode = semget(ftok(pd, 's'), 1, IPC_CREAT | IPC_EXCL | 0644);
	ck_assert_int_ge(wrong_mode, 0);
	unit_track('s', wrong_mode);
	snprintf(text, sizeof(text), "made sem 0x%08x %d\n",
	    (unsigned)ftok(pd, 's'), wrong_mode);
	append(pd, text);
	/* An IPC_PRIVATE segment, named with key 0. */
	private = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	ck_assert_int_ge(private, 0);
	unit_track('m', private);
	snprintf(text, sizeof(text), "made shm 0x00000000 %d\n", private);
	append(pd, text);
	/* An ipcmk segment, named with its own id and key. */
	ipcmk = shmget((key_t)(0x1cb00000 | (getpid() & 0xfffff)), 4096,
	    IPC_CREAT | IPC_EXCL | 0644);
	ck_assert_int_ge(ipcmk, 0);
	unit_track('m', ipcmk);
	snprintf(text, sizeof(text), "made shm 0x%08x %d\n",
	    0x1cb00000 | (getpid() & 0xfffff), ipcmk);
	append(pd, text);
	/* The other run's POSIX name, but not made by it (mode 0644). */
	snprintf(text, sizeof(text), "/ipcscope.%d.buf", (int)epid);
	fd = shm_open(text, O_CREAT | O_EXCL | O_RDWR, 0644);
	ck_assert_int_ne(fd, -1);
	fchmod(fd, 0644);
	close(fd);
	snprintf(text, sizeof(text), "made posix-shm /ipcscope.%d.buf\n",
	    (int)epid);
	append(pe, text);

	out = run_clean(&rep);
	ck_assert_msg(sysv_exists('m', right_key), "%s", out);
	ck_assert_msg(sysv_exists('s', wrong_mode), "%s", out);
	ck_assert_msg(sysv_exists('m', private), "%s", out);
	ck_assert_msg(sysv_exists('m', ipcmk), "%s", out);
	snprintf(text, sizeof(text), "/dev/shm/ipcscope.%d.buf", (int)epid);
	ck_assert_msg(exists(text), "%s", out);
	ck_assert_int_eq(rep.runs_cleaned, 2);
	ck_assert_int_eq(rep.objects_removed, 0);
	ck_assert_int_eq(rep.refused, 5);
	ck_assert_msg(strstr(out, "made by another process") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "not mode 0600") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "not this run file's ftok()") != NULL, "%s",
	    out);
	free(out);
	shm_unlink(text + strlen("/dev/shm"));
}
END_TEST

/* Run files no run wrote: each is named with its fault and left alone. */
START_TEST(hostile_run_files_change_nothing)
{
	static const struct {
		const char	*name, *text, *why;
	} files[] = {
		{ "run.1", "ipcscope-run 2\npid 1\nipcns 1\n",
		    "header is incomplete" },
		{ "run.80", "", "empty" },
		{ "run.81", "ipcscope-run 2\npid 81\nstart 1\nstarted 1\n"
		    "pidns 1\nipcns 1\nmade shm 0x00000001 1",
		    "cut short" },
		{ "run.82", "ipcscope-run 1\npid 82\nstart 1\nipcns 1\n",
		    "another version" },
		{ "run.83", "ipcscope-run 2\npid 84\nstart 1\nstarted 1\n"
		    "pidns 1\nipcns 1\n", "names pid 84" },
		{ "run.85", "ipcscope-run 2\npid 85\nstart 1\nstarted 1\n"
		    "pidns 1\nipcns 1\nmade posix-shm /foreign.txt\n",
		    "not a name this run makes" },
		{ "run.86", "ipcscope-run 2\npid 86\nstart 1\nstarted 1\n"
		    "pidns 1\nipcns 1\nmade posix-mq /foreignq\n",
		    "not a name this run makes" },
		{ "run.87", "ipcscope-run 2\npid 87\nstart 1\nstarted 1\n"
		    "pidns 1\nipcns 1\nmade path /etc/passwd\n",
		    "unknown kind" },
		{ "run.88", "ipcscope-run 2\npid 88\npid 88\n", "given twice" },
		{ "run.89", "ipcscope-run 2\npid -89\n", "positive number" },
		{ "run.90", "ipcscope-run\t2\n\033[31m\n", "ipcscope-run" },
		{ "run.x", "ipcscope-run 2\n", "not a run file name" },
	};
	struct mq_attr		 a = { .mq_maxmsg = 1, .mq_msgsize = 16 };
	struct clean_report	 rep;
	char			 path[PATH_MAX], target[PATH_MAX], *out, *big;
	char			 text[256];
	unsigned		 i;
	int			 fd;
	mqd_t			 q;

	use_tmp_rundir();
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
		write_file(path, files[i].text, strlen(files[i].text));
	}
	/* Binary, huge, another IPC namespace, a link, a FIFO. */
	snprintf(path, sizeof(path), "%s/run.91", dir);
	write_file(path, "ipcscope-run 2\n\0pid 91\n", 23);
	ck_assert_ptr_nonnull(big = calloc(1, RUNFILE_MAX_BYTES + 100));
	memset(big, 'a', RUNFILE_MAX_BYTES + 99);
	snprintf(path, sizeof(path), "%s/run.92", dir);
	write_file(path, big, RUNFILE_MAX_BYTES + 99);
	free(big);
	snprintf(path, sizeof(path), "%s/run.93", dir);
	snprintf(text, sizeof(text), "ipcscope-run 2\npid 93\nstart 1\n"
	    "started 1\npidns 1\nipcns %lu\n", procfs_ipc_ns() + 1);
	write_file(path, text, strlen(text));
	snprintf(target, sizeof(target), "%s/outside", unit_tmpdir());
	write_file(target, "ipcscope-run 2\npid 94\n", 22);
	snprintf(path, sizeof(path), "%s/run.94", dir);
	ck_assert_int_eq(symlink(target, path), 0);
	snprintf(path, sizeof(path), "%s/run.95", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	/* What the forged records name. */
	ck_assert_int_ne(fd = shm_open("/foreign.txt", O_CREAT | O_RDWR, 0600),
	    -1);
	close(fd);
	q = mq_open("/foreignq", O_CREAT | O_RDWR, 0600, &a);
	ck_assert(q != (mqd_t)-1);
	mq_close(q);

	out = run_clean(&rep);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
		ck_assert_msg(exists(path), "%s was removed", path);
		ck_assert_msg(strstr(out, files[i].why) != NULL,
		    "no '%s' for %s in:\n%s", files[i].why, files[i].name, out);
	}
	ck_assert_msg(strstr(out, "run.91: binary") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "run.92: not a run file (too large)") != NULL,
	    "%s", out);
	ck_assert_msg(strstr(out, "another IPC namespace") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "run.94: a symbolic link") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "run.95: not a run file (not a regular") !=
	    NULL, "%s", out);
	/* Hostile bytes are shown, never sent raw. */
	ck_assert_msg(strchr(out, '\033') == NULL && strchr(out, '\t') == NULL,
	    "%s", out);
	ck_assert(exists(target) && exists("/dev/shm/foreign.txt"));
	ck_assert(mq_exists("/foreignq"));
	ck_assert_int_eq(rep.runs_cleaned, 0);
	ck_assert_int_eq(rep.objects_removed, 0);
	ck_assert_int_eq(rep.skipped, (int)(sizeof(files) / sizeof(files[0])) +
	    5);
	free(out);
	shm_unlink("/foreign.txt");
	mq_unlink("/foreignq");
}
END_TEST

/* Rewrite the "started" line of a run file: when its run began. */
static void
set_started(const char *path, long long started)
{
	char	 text[4096], out[4096], *p, *eol;
	FILE	*f;
	size_t	 n;

	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[n] = '\0';
	ck_assert_ptr_nonnull(p = strstr(text, "\nstarted "));
	ck_assert_ptr_nonnull(eol = strchr(p + 1, '\n'));
	snprintf(out, sizeof(out), "%.*s\nstarted %lld%s", (int)(p - text),
	    text, started, eol);
	/* In place: the inode, and so the run's ftok() keys, stay. */
	write_file(path, out, strlen(out));
}

/*
 * Objects with the run's keys, made by its very process, with its mode,
 * but before the run began (as its header says): not the run's. Only
 * their age tells them apart.
 */
START_TEST(older_objects_stay)
{
	struct clean_report	 rep;
	struct made		 m;
	char			 path[PATH_MAX], *out;

	use_tmp_rundir();
	dead_run(MAKE_RECORDED, &m, path, sizeof(path));
	set_started(path, (long long)time(NULL) + 3600);
	out = run_clean(&rep);
	ck_assert_msg(sysv_exists('m', m.shm), "%s", out);
	ck_assert_msg(sysv_exists('s', m.sem), "%s", out);
	ck_assert_msg(sysv_exists('q', m.msg), "%s", out);
	ck_assert_msg(mq_exists(m.mq) && exists(m.fifo), "%s", out);
	ck_assert_int_eq(rep.objects_removed, 0);
	ck_assert_int_eq(rep.refused, 6);
	ck_assert_msg(strstr(out, "shm key") != NULL &&
	    strstr(out, "older than the run") != NULL, "%s", out);
	free(out);
	mq_unlink(m.mq);
	unlink(m.fifo);
	shm_unlink(m.pshm);
}
END_TEST

/*
 * The run's semaphores and queue were removed, and someone (here, this
 * test: same user, mode 0600, after the run began) made new ones under
 * the same keys. The ids the run recorded are gone: the new ones stay.
 */
START_TEST(a_reused_key_stays)
{
	struct clean_report	 rep;
	struct made		 m;
	char			 path[PATH_MAX], *out;
	key_t			 semkey, msgkey;
	int			 sem, msg;

	use_tmp_rundir();
	dead_run(MAKE_RECORDED, &m, path, sizeof(path));
	semkey = runfile_ftok(path, "sem");
	msgkey = runfile_ftok(path, "msg");
	ck_assert_int_eq(unit_rmid('s', m.sem), 0);
	ck_assert_int_eq(unit_rmid('q', m.msg), 0);
	sem = semget(semkey, 3, IPC_CREAT | IPC_EXCL | 0600);
	ck_assert_int_ge(sem, 0);
	unit_track('s', sem);
	msg = msgget(msgkey, IPC_CREAT | IPC_EXCL | 0600);
	ck_assert_int_ge(msg, 0);
	unit_track('q', msg);
	ck_assert_int_ne(sem, m.sem);
	ck_assert_int_ne(msg, m.msg);

	out = run_clean(&rep);
	ck_assert_msg(sysv_exists('s', sem), "%s", out);
	ck_assert_msg(sysv_exists('q', msg), "%s", out);
	ck_assert_msg(!sysv_exists('m', m.shm), "%s", out);
	ck_assert_int_eq(rep.objects_removed, 4);
	ck_assert_int_eq(rep.refused, 2);
	ck_assert_msg(strstr(out, "its key now names another id") != NULL,
	    "%s", out);
	free(out);
}
END_TEST

/*
 * Whether a test may set the next fork's pid: only in the PID namespace
 * the suite made (IPCSCOPE_TEST_PIDNS), as root. The machine's own
 * counter is everyone's: any process that forks in between takes the
 * pid. Asked before the test makes anything, so that a test that cannot
 * run here leaves nothing behind.
 */
static bool
pids_are_ours(void)
{
	if (getenv("IPCSCOPE_TEST_PIDNS") == NULL)
		return (false);
	ck_assert_msg(access("/proc/sys/kernel/ns_last_pid", W_OK) == 0,
	    "cannot write /proc/sys/kernel/ns_last_pid: %s", strerror(errno));
	return (true);
}

/* Make the next fork get pid. */
static void
next_pid_is(pid_t pid)
{
	FILE	*f;

	ck_assert_ptr_nonnull(f = fopen("/proc/sys/kernel/ns_last_pid", "w"));
	fprintf(f, "%d", (int)pid - 1);
	ck_assert_int_eq(fclose(f), 0);
}

/*
 * A dead run whose pid now belongs to another process (not a run): the
 * pid is alive, but its start time is not the run's, so the run is dead
 * and its objects go.
 */
START_TEST(a_reused_pid_is_not_the_run)
{
	struct clean_report	 rep;
	struct made		 m;
	char			 path[PATH_MAX], *out;
	pid_t			 dead, pid;

	if (!pids_are_ours())
		return;		/* not in the suite's PID namespace */
	use_tmp_rundir();
	dead = dead_run(MAKE_RECORDED, &m, path, sizeof(path));
	next_pid_is(dead);
	/* Start times are in clock ticks: the stand-in starts in a later
	 * one than the run did, or it would pass for the run itself. */
	usleep(3 * 1000000 / sysconf(_SC_CLK_TCK));
	if ((pid = fork()) == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	ck_assert_int_gt(pid, 0);
	if (pid != dead) {
		kill(pid, SIGKILL);
		ck_abort_msg("the stand-in got pid %d, not %d", (int)pid,
		    (int)dead);
	}
	out = run_clean(&rep);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ck_assert_msg(strstr(out, "its viewer is gone") != NULL, "%s", out);
	assert_all_gone(&m);
	ck_assert_int_eq(rep.runs_cleaned, 1);
	free(out);
}
END_TEST

/* A stale run.PID of a dead run, and a new run that gets the same pid:
 * the new run cleans the stale file first and takes its name. */
START_TEST(reused_pid_cleans_the_stale_file)
{
	struct runfile	 rf;
	struct made	 m;
	char		 stale[PATH_MAX], err[256], tag[16];
	int		 status, r;
	pid_t		 dead, pid;

	if (!pids_are_ours())
		return;		/* not in the suite's PID namespace */
	use_tmp_rundir();
	dead = dead_run(MAKE_RECORDED, &m, stale, sizeof(stale));
	next_pid_is(dead);
	if ((pid = fork()) == 0) {
		if (getpid() != dead)
			_exit(3);
		snprintf(tag, sizeof(tag), "%d", (int)dead);
		r = runfile_create(&rf, dir, err, sizeof(err));
		if (r == 0 && (strcmp(rf.tag, tag) != 0 ||
		    strstr(rf.stale, "cleaned first: 6 objects removed") ==
		    NULL))
			r = 2;
		if (r == 0)
			runfile_remove(&rf);
		_exit(r == 0 ? 0 : r == -1 ? 1 : r);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) != 3,
	    "the new run did not get pid %d", (int)dead);
	ck_assert_msg(WEXITSTATUS(status) == 0, "the new run %s",
	    WEXITSTATUS(status) == 1 ? "could not make its run file" :
	    "did not clean the stale file first, under the same name");
	assert_all_gone(&m);
	ck_assert(!exists(stale));
}
END_TEST

Suite *
suite_clean(void)
{
	Suite	*s = suite_create("clean");
	TCase	*tc = tcase_create("clean");

	tcase_add_test(tc, dead_runs_objects_go);
	tcase_add_test(tc, a_living_worker_keeps_the_run);
	tcase_add_test(tc, foreign_objects_stay);
	tcase_add_test(tc, older_objects_stay);
	tcase_add_test(tc, a_reused_key_stays);
	tcase_add_test(tc, hostile_run_files_change_nothing);
	tcase_add_test(tc, reused_pid_cleans_the_stale_file);
	tcase_add_test(tc, a_reused_pid_is_not_the_run);
	suite_add_tcase(s, tc);
	return (s);
}
