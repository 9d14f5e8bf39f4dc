/*
 * The limits table: for every row (call x errno), the line names the
 * limit that was hit, by its /proc/sys file (or its ulimit), with the
 * value now and how to raise it. The values are set by hand here, so the
 * choice between two limits (shmmni or shmall, SEMMNI or SEMMNS...) is
 * tested for each; one test reads the real kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/limits.h"
#include "ipcscope/procfs.h"
#include "suites.h"

#define NONE	(-1)
#define LINE	256		/* what struct channel's error holds */

struct tcase {
	const char		*call;
	int			 err;
	struct limits_ask	 ask;
	int			 lim;		/* set this limit... */
	unsigned long long	 value;		/* ...to this */
	int			 lim2;
	unsigned long long	 value2;
	int			 use;		/* and this use... */
	unsigned long long	 used;		/* ...to this */
	const char		*want;		/* the file, ulimit or words */
	const char		*shown;		/* how the value reads, or NULL */
};

static const struct tcase cases[] = {
	{ "shmget", ENOSPC, { NULL, 4160, 0 }, LIM_SHMMNI, 0, NONE, 0,
	    USE_SHM_IDS, 0, "/proc/sys/kernel/shmmni", "is 0 (0 in use); "
	    "raise it (as root) with sysctl -w kernel.shmmni=4096" },
	{ "shmget", ENOSPC, { NULL, 4160, 0 }, LIM_SHMALL, 0, NONE, 0,
	    USE_SHM_PAGES, 0, "/proc/sys/kernel/shmall", "is 0 pages (0 in "
	    "use); raise it (as root) with sysctl -w kernel.shmall=2" },
	{ "shmget", ENOSPC, { NULL, 4096, 0 }, LIM_SHMALL, 10, NONE, 0,
	    USE_SHM_PAGES, 10, "/proc/sys/kernel/shmall", "sysctl -w "
	    "kernel.shmall=11" },
	{ "shmget", EINVAL, { NULL, 4160, 0 }, LIM_SHMMAX, 100, NONE, 0, NONE,
	    0, "/proc/sys/kernel/shmmax", "a segment of 4160 bytes is too "
	    "large: kernel.shmmax (/proc/sys/kernel/shmmax) is 100 bytes" },
	{ "shmget", ENOMEM, { NULL, 4160, 0 }, LIM_OVERCOMMIT, 2, NONE, 0,
	    NONE, 0, "/proc/sys/vm/overcommit_memory", "set it (as root) with "
	    "sysctl -w vm.overcommit_memory=0" },
	{ "shmget", ENOMEM, { NULL, 4160, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "free -m", NULL },
	{ "semget", ENOSPC, { NULL, 0, 3 }, LIM_SEMMNI, 0, NONE, 0,
	    USE_SEM_SETS, 0, "SEMMNI (field 4 of /proc/sys/kernel/sem)",
	    "kernel.sem=\"32000 1024000000 500 32000\"" },
	{ "semget", ENOSPC, { NULL, 0, 3 }, LIM_SEMMNS, 4, NONE, 0, USE_SEMS,
	    3, "SEMMNS (field 2 of /proc/sys/kernel/sem)", "is 4 (3 in use)" },
	{ "semget", EINVAL, { NULL, 0, 3 }, LIM_SEMMSL, 2, NONE, 0, NONE, 0,
	    "SEMMSL (field 1 of /proc/sys/kernel/sem)", "a set of 3 "
	    "semaphores is too large" },
	{ "semop(empty, -1)", E2BIG, { NULL, 0, 0 }, LIM_SEMOPM, 0, NONE, 0,
	    NONE, 0, "SEMOPM (field 3 of /proc/sys/kernel/sem)", "is 0; raise "
	    "it (as root) with sysctl -w kernel.sem=\"32000 1024000000 500 "
	    "32000\"" },
	{ "msgget", ENOSPC, { NULL, 0, 0 }, LIM_MSGMNI, 0, NONE, 0,
	    USE_MSG_QUEUES, 0, "/proc/sys/kernel/msgmni", "is 0 (0 in use)" },
	{ "msgctl(IPC_SET)", EPERM, { NULL, 64, 0 }, LIM_MSGMNB, 10, NONE, 0,
	    NONE, 0, "/proc/sys/kernel/msgmnb", "is 10 bytes" },
	{ "msgsnd", EINVAL, { NULL, 64, 0 }, LIM_MSGMAX, 10, NONE, 0, NONE, 0,
	    "/proc/sys/kernel/msgmax", "a message of 64 bytes is too large" },
	{ "mq_open", EINVAL, { NULL, 64, 20 }, LIM_MQ_MSG_MAX, 10, NONE, 0,
	    NONE, 0, "/proc/sys/fs/mqueue/msg_max", "fs.mqueue.msg_max=20" },
	{ "mq_open", EINVAL, { NULL, 256, 4 }, LIM_MQ_MSGSIZE_MAX, 128, NONE,
	    0, NONE, 0, "/proc/sys/fs/mqueue/msgsize_max", "is 128 bytes" },
	{ "mq_open", ENOSPC, { "/ipcscope.9.q", 64, 4 }, LIM_MQ_QUEUES_MAX, 0,
	    NONE, 0, NONE, 0, "/proc/sys/fs/mqueue/queues_max", "is 0; raise "
	    "it (as root) with sysctl -w fs.mqueue.queues_max=256" },
	{ "mq_open", EMFILE, { NULL, 64, 4 }, LIM_RLIMIT_MSGQUEUE, 0, NONE, 0,
	    NONE, 0, "RLIMIT_MSGQUEUE (ulimit -q)", "(256 bytes)" },
	{ "mq_open", EMFILE, { NULL, 64, 4 }, LIM_RLIMIT_NOFILE, 12, NONE, 0,
	    USE_FDS, 12, "RLIMIT_NOFILE (ulimit -n)", "is 12 (12 in use)" },
	{ "mq_open", ENOSYS, { NULL, 0, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "CONFIG_POSIX_MQUEUE", NULL },
	{ "fcntl(F_SETPIPE_SZ)", EPERM, { NULL, 8192, 0 }, LIM_PIPE_MAX_SIZE,
	    4096, NONE, 0, NONE, 0, "/proc/sys/fs/pipe-max-size", "a pipe of "
	    "8192 bytes is too large" },
	{ "fcntl(fd, F_SETPIPE_SZ, size)", EPERM, { NULL, 4096, 0 }, NONE, 0,
	    NONE, 0, NONE, 0, "/proc/sys/fs/pipe-user-pages-soft",
	    "is 16384 pages" },
	{ "fcntl(F_SETPIPE_SZ)", EPERM, { NULL, 4096, 0 }, LIM_PIPE_PAGES_SOFT,
	    0, LIM_PIPE_PAGES_HARD, 64, NONE, 0,
	    "/proc/sys/fs/pipe-user-pages-hard", "is 64 pages" },
	{ "fcntl(F_SETPIPE_SZ)", EBUSY, { NULL, 4096, 0 }, NONE, 0, NONE, 0,
	    NONE, 0, "cannot shrink", NULL },
	{ "pipe2", ENFILE, { NULL, 0, 0 }, LIM_FILE_MAX, 100, NONE, 0,
	    USE_FILES, 100, "/proc/sys/fs/file-max", "is 100 (100 in use)" },
	{ "pipe2", ENFILE, { NULL, 0, 0 }, LIM_PIPE_PAGES_HARD, 64, NONE, 0,
	    NONE, 0, "/proc/sys/fs/pipe-user-pages-hard", "is 64 pages" },
	{ "pipe2 (the viewer's peek pipe)", ENFILE, { NULL, 0, 0 },
	    LIM_PIPE_PAGES_HARD, 64, NONE, 0, NONE, 0,
	    "/proc/sys/fs/pipe-user-pages-hard", "is 64 pages" },
	{ "fork", EAGAIN, { NULL, 0, 0 }, LIM_THREADS_MAX, 100, NONE, 0,
	    USE_THREADS, 100, "/proc/sys/kernel/threads-max", "(100 in use)" },
	{ "fork", EAGAIN, { NULL, 0, 0 }, LIM_PID_MAX, 100, NONE, 0,
	    USE_THREADS, 100, "/proc/sys/kernel/pid_max", "is 100" },
	{ "fork", EAGAIN, { NULL, 0, 0 }, LIM_RLIMIT_NPROC, 40, NONE, 0, NONE,
	    0, "RLIMIT_NPROC (ulimit -u)", "raise it with ulimit -u 80" },
	{ "fork", EAGAIN, { NULL, 0, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "pids.max", NULL },
	{ "mmap", ENOMEM, { NULL, 4096, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "/proc/sys/vm/max_map_count", "is 65530" },
	{ "shmat", ENOMEM, { NULL, 4096, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "/proc/sys/vm/max_map_count", NULL },
	{ "shm_open", ENOSPC, { NULL, 0, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "df /dev/shm", NULL },
	{ "ftruncate", EFBIG, { NULL, 0, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "df /dev/shm", NULL },
	{ "posix_fallocate", ENOSPC, { NULL, 0, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "df /dev/shm", NULL },
	{ "posix_fallocate", EFBIG, { NULL, 0, 0 }, NONE, 0, NONE, 0, NONE, 0,
	    "df /dev/shm", NULL },
	{ "socketpair", EMFILE, { NULL, 0, 0 }, LIM_RLIMIT_NOFILE, 3, NONE, 0,
	    USE_FDS, 3, "RLIMIT_NOFILE (ulimit -n)", "raise it with ulimit -n "
	    "1024" },
	{ "shm_open", ENFILE, { NULL, 0, 0 }, LIM_FILE_MAX, 9, NONE, 0,
	    USE_FILES, 9, "/proc/sys/fs/file-max", "is 9 (9 in use)" },
	{ "mkfifo", EEXIST, { "/run/x/ipcscope.7.fifo", 0, 0 }, NONE, 0, NONE,
	    0, NONE, 0, "/run/x/ipcscope.7.fifo is taken", NULL },
	{ "shm_open", EACCES, { "/ipcscope.7.buf", 0, 0 }, NONE, 0, NONE, 0,
	    NONE, 0, "Permission denied: the owner or mode of /ipcscope.7.buf",
	    NULL },
};

#define NCASES	((int)(sizeof(cases) / sizeof(cases[0])))

/* A machine at the kernel's defaults, nothing in use. */
static void
defaults(struct limits_now *now)
{
	int	i;

	for (i = 0; i < LIM_COUNT; i++)
		now->value[i] = LIMITS_UNKNOWN;
	now->value[LIM_SHMMNI] = 4096;
	now->value[LIM_SHMALL] = 18446744073692774399ULL;
	now->value[LIM_SHMMAX] = 18446744073692774399ULL;
	now->value[LIM_SEMMSL] = 32000;
	now->value[LIM_SEMMNS] = 1024000000;
	now->value[LIM_SEMOPM] = 500;
	now->value[LIM_SEMMNI] = 32000;
	now->value[LIM_MSGMNI] = 32000;
	now->value[LIM_MSGMNB] = 16384;
	now->value[LIM_MSGMAX] = 8192;
	now->value[LIM_MQ_QUEUES_MAX] = 256;
	now->value[LIM_MQ_MSG_MAX] = 10;
	now->value[LIM_MQ_MSGSIZE_MAX] = 8192;
	now->value[LIM_PIPE_MAX_SIZE] = 1048576;
	now->value[LIM_PIPE_PAGES_SOFT] = 16384;
	now->value[LIM_PIPE_PAGES_HARD] = 0;
	now->value[LIM_FILE_MAX] = 9223372036854775807ULL;
	now->value[LIM_THREADS_MAX] = 63000;
	now->value[LIM_PID_MAX] = 4194304;
	now->value[LIM_MAX_MAP_COUNT] = 65530;
	now->value[LIM_OVERCOMMIT] = 0;
	now->value[LIM_RLIMIT_MSGQUEUE] = 819200;
	now->value[LIM_RLIMIT_NOFILE] = 1024;
	for (i = 0; i < USE_COUNT; i++)
		now->used[i] = 0;
	now->used[USE_FDS] = 5;
	now->used[USE_FILES] = 800;
	now->used[USE_THREADS] = 90;
	now->page = 4096;
}

static void
line_of(const struct tcase *c, char *buf, size_t len)
{
	struct limits_now	now;

	defaults(&now);
	if (c->lim != NONE)
		now.value[c->lim] = c->value;
	if (c->lim2 != NONE)
		now.value[c->lim2] = c->value2;
	if (c->use != NONE)
		now.used[c->use] = c->used;
	limits_format(buf, len, c->call, c->err, &c->ask, &now);
}

/* Each row of the table has a case below, and it finds that row. */
START_TEST(every_row_has_a_case)
{
	int	row, i, found;

	ck_assert_int_gt(limits_nrows(), 20);
	for (row = 0; row < limits_nrows(); row++) {
		for (found = 0, i = 0; i < NCASES; i++)
			found += limits_find(cases[i].call, cases[i].err) == row;
		ck_assert_msg(found > 0, "row %d of the table has no case",
		    row);
	}
}
END_TEST

/* One case per _i: the line names the limit, in one line that fits. */
START_TEST(case_names_its_limit)
{
	const struct tcase	*c = &cases[_i];
	char			 buf[LINE * 2], prefix[64];

	line_of(c, buf, sizeof(buf));
	snprintf(prefix, sizeof(prefix), "%s: ", c->call);
	ck_assert_msg(limits_find(c->call, c->err) >= 0, "%s errno %d: no row",
	    c->call, c->err);
	ck_assert_msg(strncmp(buf, prefix, strlen(prefix)) == 0,
	    "does not start with '%s': %s", prefix, buf);
	ck_assert_msg(strchr(buf, '\n') == NULL, "two lines: %s", buf);
	ck_assert_msg(strlen(buf) < LINE - 1, "%zu characters, more than "
	    "the %d a channel's error holds: %s", strlen(buf), LINE - 1, buf);
	ck_assert_msg(strstr(buf, c->want) != NULL, "%s errno %d: '%s' not "
	    "in: %s", c->call, c->err, c->want, buf);
	if (c->shown != NULL)
		ck_assert_msg(strstr(buf, c->shown) != NULL, "'%s' not in: %s",
		    c->shown, buf);
	/* A limit that was read says how to raise it. */
	if (strstr(c->want, "/proc/sys/") != NULL ||
	    strstr(c->want, "(ulimit -") != NULL)
		ck_assert_msg(strstr(buf, "raise it") != NULL ||
		    strstr(buf, "set it") != NULL, "no way to raise: %s", buf);
}
END_TEST

/* A call and errno the table does not know read as strerror says. */
START_TEST(unknown_is_strerror)
{
	struct limits_now	now;
	char			buf[LINE];

	defaults(&now);
	limits_format(buf, sizeof(buf), "frob", EIO, NULL, &now);
	ck_assert_str_eq(buf, "frob: Input/output error");
	/* EPERM of fcntl is a pipe limit only with F_SETPIPE_SZ. */
	ck_assert_int_eq(limits_find("fcntl(fd, F_SETFL, 0)", EPERM), -1);
	ck_assert_int_ge(limits_find("fcntl(fd, F_SETPIPE_SZ, size)", EPERM),
	    0);
	/* A call's name is matched whole: shmget is not shm_open. */
	ck_assert_int_ne(limits_find("shm_open", ENOSPC),
	    limits_find("shmget", ENOSPC));
	ck_assert(limits_hit("semop(empty, -1)", E2BIG));
	ck_assert(!limits_hit("mq_open(name, O_WRONLY)", EACCES));
	ck_assert(!limits_hit("read(p[0], buf, PIPE_BUF)", EINTR));
	ck_assert_str_eq(limits_object("mq_open(name, O_WRONLY)"), "the queue");
	ck_assert_str_eq(limits_object("shmat(shmid, NULL, 0)"), "the segment");
	ck_assert_str_eq(limits_object("open(fifo, O_RDONLY)"), "the FIFO");
}
END_TEST

/* limits_explain reads the kernel: the value shown is the one in /proc. */
START_TEST(explain_reads_the_kernel)
{
	struct limits_ask	ask = { NULL, 4096, 0 };
	struct limits_now	now;
	unsigned long long	mni, sem[4];
	char			buf[LINE], want[160];

	ck_assert_int_eq(procfs_sysctl_fields("/proc/sys/kernel/shmmni", &mni,
	    1), 1);
	ck_assert_int_eq(procfs_sysctl_fields("/proc/sys/kernel/sem", sem, 4),
	    4);
	limits_read(&now);
	ck_assert_uint_eq(now.value[LIM_SHMMNI], mni);
	ck_assert_uint_eq(now.value[LIM_SEMMNI], sem[3]);
	ck_assert_uint_ne(now.used[USE_SHM_IDS], LIMITS_UNKNOWN);
	ck_assert_uint_ne(now.used[USE_FDS], LIMITS_UNKNOWN);
	/* Nothing is short now: the kernel's word, and the first limit to
	 * look at, as read, with no advice to raise what was not hit. */
	limits_explain(buf, sizeof(buf), "shmget", ENOSPC, &ask);
	snprintf(want, sizeof(want), "shmget: No space left on device; the "
	    "limit is likely kernel.shmmni (/proc/sys/kernel/shmmni), which "
	    "is %llu (", mni);
	ck_assert_msg(strncmp(buf, want, strlen(want)) == 0, "'%s' does not "
	    "start: %s", want, buf);
	ck_assert_ptr_null(strstr(buf, "raise"));
}
END_TEST

Suite *
suite_limits(void)
{
	Suite	*s = suite_create("limits");
	TCase	*tc = tcase_create("table");

	tcase_add_test(tc, every_row_has_a_case);
	tcase_add_loop_test(tc, case_names_its_limit, 0, NCASES);
	tcase_add_test(tc, unknown_is_strerror);
	tcase_add_test(tc, explain_reads_the_kernel);
	suite_add_tcase(s, tc);
	return (s);
}
