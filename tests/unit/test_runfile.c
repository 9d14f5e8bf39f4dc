/*
 * Run files and `ipcscope clean`: a dead run's objects go; a live run, a
 * run of another IPC namespace, a reused id and a foreign object stay.
 */
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
shm_gone(int id)
{
	struct shmid_ds	ds;

	return (shmctl(id, IPC_STAT, &ds) == -1 && errno == EINVAL);
}

static bool
sem_gone(int id)
{
	struct semid_ds	ds;

	return (semctl(id, 0, IPC_STAT, &ds) == -1 && errno == EINVAL);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*f;

	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

START_TEST(dir_from_environment)
{
	char		 d[PATH_MAX], err[256], link[PATH_MAX];
	struct stat	 st;

	use_tmp_rundir();
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 0777, 0700);
	/* A symbolic link in a shared /tmp is refused, with a reason. */
	snprintf(link, sizeof(link), "%s/link", unit_tmpdir());
	ck_assert_int_eq(symlink(dir, link), 0);
	setenv("IPCSCOPE_RUNDIR", link, 1);
	err[0] = '\0';
	ck_assert_int_eq(runfile_dir(d, sizeof(d), err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, link) != NULL, "err: %s", err);
	/* Without IPCSCOPE_RUNDIR: $XDG_RUNTIME_DIR/ipcscope. */
	unsetenv("IPCSCOPE_RUNDIR");
	setenv("XDG_RUNTIME_DIR", unit_tmpdir(), 1);
	ck_assert_int_eq(runfile_dir(d, sizeof(d), err, sizeof(err)), 0);
	snprintf(link, sizeof(link), "%s/ipcscope", unit_tmpdir());
	ck_assert_str_eq(d, link);
}
END_TEST

START_TEST(create_and_add)
{
	char		 path[PATH_MAX], want[PATH_MAX], err[256], line[256];
	char		 text[1024] = "";
	struct stat	 st;
	FILE		*f;

	use_tmp_rundir();
	ck_assert_int_eq(runfile_create(dir, path, sizeof(path), err,
	    sizeof(err)), 0);
	snprintf(want, sizeof(want), "%s/run.%d", dir, (int)getpid());
	ck_assert_str_eq(path, want);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(runfile_add(path, "shm", "32769", 0x5101a2b3), 0);
	ck_assert_int_eq(runfile_add(path, "posix-shm", "/ipcscope.1.buf", 0), 0);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f) != NULL)
		strlcat(text, line, sizeof(text));
	fclose(f);
	snprintf(want, sizeof(want), "ipcscope-run 1\npid %d\nstart %llu\n"
	    "ipcns %lu\nshm 32769 0x5101a2b3\nposix-shm /ipcscope.1.buf "
	    "0x00000000\n", (int)getpid(), procfs_starttime(getpid()),
	    procfs_ipc_ns());
	ck_assert_str_eq(text, want);
	runfile_remove(path);
	ck_assert(!exists(path));
	/* A run file cannot be made where there is no directory. */
	ck_assert_int_eq(runfile_create("/nonexistent/ipcscope", path,
	    sizeof(path), err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "/nonexistent/ipcscope") != NULL, "%s", err);
}
END_TEST

/* A run whose viewer is dead: a child makes a run file and two objects,
 * records them the way the session does, and exits. */
static pid_t
dead_run(int *shmid, int *semid, char *path, size_t len)
{
	char	 err[256], id[32];
	int	 fd[2], ids[2];
	key_t	 k;
	pid_t	 pid;

	ck_assert_int_eq(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		ids[0] = ids[1] = -1;
		if (runfile_create(dir, path, len, err, sizeof(err)) == 0) {
			k = ftok(path, 'm');
			if ((ids[0] = shmget(k, 4096, IPC_CREAT | IPC_EXCL |
			    0600)) != -1) {
				snprintf(id, sizeof(id), "%d", ids[0]);
				runfile_add(path, "shm", id, (unsigned)k);
			}
			k = ftok(path, 's');
			if ((ids[1] = semget(k, 3, IPC_CREAT | IPC_EXCL |
			    0600)) != -1) {
				snprintf(id, sizeof(id), "%d", ids[1]);
				runfile_add(path, "sem", id, (unsigned)k);
			}
		}
		(void)!write(fd[1], ids, sizeof(ids));
		_exit(0);
	}
	ck_assert_int_gt(pid, 0);
	close(fd[1]);
	ck_assert_int_eq(read(fd[0], ids, sizeof(ids)), (int)sizeof(ids));
	close(fd[0]);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ck_assert_int_ge(ids[0], 0);
	ck_assert_int_ge(ids[1], 0);
	unit_track('m', ids[0]);
	unit_track('s', ids[1]);
	*shmid = ids[0];
	*semid = ids[1];
	snprintf(path, len, "%s/run.%d", dir, (int)pid);
	return (pid);
}

START_TEST(clean_only_dead_runs)
{
	char			 dead[PATH_MAX], live[PATH_MAX], other[PATH_MAX];
	char			 reused[PATH_MAX], fifo[PATH_MAX], outside[PATH_MAX];
	char			 escape[PATH_MAX];
	char			 err[256], text[1024], *out;
	struct clean_report	 rep;
	size_t			 outlen;
	int			 dshm, dsem, lsem, oshm, foreign;
	pid_t			 dpid;
	FILE			*f;

	use_tmp_rundir();
	dpid = dead_run(&dshm, &dsem, dead, sizeof(dead));
	ck_assert(!shm_gone(dshm) && !sem_gone(dsem));
	/* The dead run also made a FIFO in the run dir, and names a file
	 * outside it, which clean must not touch. */
	snprintf(fifo, sizeof(fifo), "%s/fifo.%d", dir, (int)dpid);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	snprintf(outside, sizeof(outside), "%s/outside", unit_tmpdir());
	write_file(outside, "not ipcscope's\n");
	ck_assert_int_eq(runfile_add(dead, "path", fifo, 0), 0);
	ck_assert_int_eq(runfile_add(dead, "path", outside, 0), 0);
	/* Inside by its prefix, outside by "..": must be left alone too. */
	snprintf(escape, sizeof(escape), "%s/../outside", dir);
	ck_assert_int_eq(runfile_add(dead, "path", escape, 0), 0);

	/* A live run: this very process. */
	ck_assert_int_eq(runfile_create(dir, live, sizeof(live), err,
	    sizeof(err)), 0);
	lsem = semget(IPC_PRIVATE, 1, IPC_CREAT | IPC_EXCL | 0600);
	ck_assert_int_ge(lsem, 0);
	unit_track('s', lsem);
	snprintf(text, sizeof(text), "%d", lsem);
	runfile_add(live, "sem", text, 0);

	/* A dead run made in another IPC namespace: the id it names means
	 * nothing here, though here it is one of ours. */
	oshm = shmget((key_t)(0x1cb00000 | (getpid() & 0xfffff)), 4096,
	    IPC_CREAT | IPC_EXCL | 0600);
	ck_assert_int_ge(oshm, 0);
	unit_track('m', oshm);
	snprintf(other, sizeof(other), "%s/run.other", dir);
	snprintf(text, sizeof(text), "ipcscope-run 1\npid %d\nstart 1\n"
	    "ipcns %lu\nshm %d 0x%08x\n", (int)dpid, procfs_ipc_ns() + 1,
	    oshm, 0x1cb00000 | (getpid() & 0xfffff));
	write_file(other, text);

	/* A foreign object, ipcmk-style, in no run file; and a dead run
	 * whose recorded id is now that object's (the key differs). */
	foreign = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	ck_assert_int_ge(foreign, 0);
	unit_track('m', foreign);
	snprintf(reused, sizeof(reused), "%s/run.reused", dir);
	snprintf(text, sizeof(text), "ipcscope-run 1\npid %d\nstart 1\n"
	    "ipcns %lu\nshm %d 0x0badc0de\n", (int)dpid, procfs_ipc_ns(),
	    foreign);
	write_file(reused, text);

	ck_assert_ptr_nonnull(f = open_memstream(&out, &outlen));
	ck_assert_int_eq(runfile_clean(dir, f, &rep), 0);
	fclose(f);

	ck_assert_msg(shm_gone(dshm), "the dead run's segment is still there");
	ck_assert_msg(sem_gone(dsem), "the dead run's semaphores are still there");
	ck_assert(!exists(dead));
	ck_assert(!exists(fifo));
	ck_assert_msg(exists(outside), "clean removed a file outside its dir");
	ck_assert(!exists(reused));
	ck_assert_msg(!shm_gone(foreign), "clean removed a foreign object");
	ck_assert_msg(exists(live) && !sem_gone(lsem), "clean touched a live run");
	ck_assert_msg(exists(other) && !shm_gone(oshm),
	    "clean touched another namespace's run");
	ck_assert_int_eq(rep.runs_seen, 4);
	ck_assert_int_eq(rep.runs_cleaned, 2);
	ck_assert_int_eq(rep.objects_removed, 3);
	ck_assert_int_eq(rep.skipped, 2);
	ck_assert_msg(strstr(out, "still running, left alone") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "another IPC namespace") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "no longer ours") != NULL, "%s", out);
	free(out);

	/* Cleaning again finds nothing more to do. */
	ck_assert_int_eq(runfile_clean(dir, NULL, &rep), 0);
	ck_assert_int_eq(rep.runs_cleaned, 0);
	ck_assert_int_eq(rep.objects_removed, 0);
	ck_assert_int_eq(unit_rmid('m', foreign), 0);
	ck_assert_int_eq(unit_rmid('m', oshm), 0);
	ck_assert_int_eq(unit_rmid('s', lsem), 0);
	runfile_remove(live);
}
END_TEST

START_TEST(clean_without_dir)
{
	struct clean_report	rep;

	ck_assert_int_eq(runfile_clean("/nonexistent/ipcscope", NULL, &rep), 0);
	ck_assert_int_eq(rep.runs_seen, 0);
}
END_TEST

Suite *
suite_runfile(void)
{
	Suite	*s = suite_create("runfile");
	TCase	*tc = tcase_create("runfile");

	tcase_add_test(tc, dir_from_environment);
	tcase_add_test(tc, create_and_add);
	tcase_add_test(tc, clean_only_dead_runs);
	tcase_add_test(tc, clean_without_dir);
	suite_add_tcase(s, tc);
	return (s);
}
