/*
 * Run files, the writer's side: the directory and the file are exactly
 * 0700/0600 whatever the umask, the file appears whole and locked, and
 * each record is the line clean expects.
 */
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

/* The names in dir, space-separated, sorted as readdir gives them. */
static int
count_entries(const char *d)
{
	struct dirent	*de;
	DIR		*dp;
	int		 n = 0;

	ck_assert_ptr_nonnull(dp = opendir(d));
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(dp);
	return (n);
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

/* A directory made 0755 by hand, or under umask 077 then opened up, is
 * put back to 0700; a umask of 0777 changes nothing we make. */
START_TEST(modes_whatever_the_umask)
{
	struct runfile	 rf;
	char		 d[PATH_MAX], err[256];
	struct stat	 st;

	snprintf(dir, sizeof(dir), "%s/open", unit_tmpdir());
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(chmod(dir, 0755), 0);
	setenv("IPCSCOPE_RUNDIR", dir, 1);
	umask(0777);
	ck_assert_int_eq(runfile_dir(d, sizeof(d), err, sizeof(err)), 0);
	ck_assert_int_eq(stat(d, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0700);
	ck_assert_msg(runfile_create(&rf, d, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(stat(rf.path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	runfile_remove(&rf);
	umask(022);
}
END_TEST

/* Does a process other than us see the run file locked? */
static bool
locked_for_others(const char *path)
{
	int	status, fd;
	pid_t	pid;

	if ((pid = fork()) == 0) {
		fd = open(path, O_RDONLY);
		_exit(fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == -1 &&
		    errno == EWOULDBLOCK ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return (WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

START_TEST(create_and_record)
{
	struct runfile	 rf;
	char		 want[PATH_MAX], err[256], line[256], text[1024] = "";
	char		 head[256];
	long long	 started;
	FILE		*f;

	use_tmp_rundir();
	ck_assert_msg(runfile_create(&rf, dir, err, sizeof(err)) == 0, "%s",
	    err);
	snprintf(want, sizeof(want), "%s/run.%d", dir, (int)getpid());
	ck_assert_str_eq(rf.path, want);
	snprintf(want, sizeof(want), "%d", (int)getpid());
	ck_assert_str_eq(rf.tag, want);
	ck_assert_str_eq(rf.stale, "");
	/* Nothing but the run file: the file it was written in is gone. */
	ck_assert_int_eq(count_entries(dir), 1);
	ck_assert_msg(locked_for_others(rf.path), "the run file is not locked");
	ck_assert(runfile_key(&rf, "shm") == ftok(rf.path, 'm'));
	ck_assert(runfile_key(&rf, "sem") == ftok(rf.path, 's'));
	ck_assert(runfile_key(&rf, "msg") == ftok(rf.path, 'q'));
	runfile_name(&rf, runfile_suffix("posix-shm"), line, sizeof(line));
	snprintf(want, sizeof(want), "/ipcscope.%d.buf", (int)getpid());
	ck_assert_str_eq(line, want);

	ck_assert_int_eq(runfile_want(&rf, "shm", 0x5101a2b3, NULL), 0);
	ck_assert_int_eq(runfile_made(&rf, "shm", 0x5101a2b3, 32769, NULL), 0);
	ck_assert_int_eq(runfile_want(&rf, "posix-mq", 0, "/ipcscope.7.q"), 0);
	ck_assert_int_eq(runfile_made(&rf, "posix-mq", 0, -1, "/ipcscope.7.q"),
	    0);
	ck_assert_ptr_nonnull(f = fopen(rf.path, "r"));
	while (fgets(line, sizeof(line), f) != NULL)
		strlcat(text, line, sizeof(text));
	fclose(f);
	ck_assert_int_eq(sscanf(strstr(text, "started "), "started %lld",
	    &started), 1);
	ck_assert(started <= (long long)time(NULL) &&
	    started > (long long)time(NULL) - 60);
	snprintf(head, sizeof(head), "ipcscope-run 2\npid %d\nstart %llu\n"
	    "started %lld\npidns %lu\nipcns %lu\n", (int)getpid(),
	    procfs_starttime(getpid()), started, procfs_pid_ns(),
	    procfs_ipc_ns());
	snprintf(want, sizeof(want), "%swant shm 0x5101a2b3\n"
	    "made shm 0x5101a2b3 32769\nwant posix-mq /ipcscope.7.q\n"
	    "made posix-mq /ipcscope.7.q\n", head);
	ck_assert_str_eq(text, want);
	runfile_remove(&rf);
	ck_assert(!exists(want));
	ck_assert_int_eq(count_entries(dir), 0);
	ck_assert_int_eq(rf.fd, -1);
	/* A run file cannot be made where there is no directory. */
	ck_assert_int_eq(runfile_create(&rf, "/nonexistent/ipcscope", err,
	    sizeof(err)), -1);
	ck_assert_msg(strstr(err, "/nonexistent/ipcscope") != NULL, "%s", err);
}
END_TEST

/* Our pid's name is taken by a live run (another PID namespace's, say):
 * the new run takes run.PID-2, and its POSIX names follow. */
START_TEST(live_name_is_never_replaced)
{
	struct runfile	 rf;
	char		 path[PATH_MAX], err[256], want[PATH_MAX];
	int		 fd;

	use_tmp_rundir();
	snprintf(path, sizeof(path), "%s/run.%d", dir, (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, "ipcscope-run 2\n", 15), 15);
	ck_assert_int_eq(flock(fd, LOCK_EX), 0);
	/* flock is per open file: ours must not count as the other's. */
	ck_assert_msg(runfile_create(&rf, dir, err, sizeof(err)) == 0, "%s",
	    err);
	snprintf(want, sizeof(want), "%d-2", (int)getpid());
	ck_assert_str_eq(rf.tag, want);
	ck_assert(exists(path));
	runfile_name(&rf, "buf", err, sizeof(err));
	snprintf(want, sizeof(want), "/ipcscope.%d-2.buf", (int)getpid());
	ck_assert_str_eq(err, want);
	runfile_remove(&rf);
	close(fd);
	unlink(path);
}
END_TEST

Suite *
suite_runfile(void)
{
	Suite	*s = suite_create("runfile");
	TCase	*tc = tcase_create("runfile");

	tcase_add_test(tc, dir_from_environment);
	tcase_add_test(tc, modes_whatever_the_umask);
	tcase_add_test(tc, create_and_record);
	tcase_add_test(tc, live_name_is_never_replaced);
	suite_add_tcase(s, tc);
	return (s);
}
