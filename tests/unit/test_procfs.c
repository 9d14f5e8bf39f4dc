/* /proc as the kernel's word: a child asleep in semop, a dead pid, maps. */
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/procfs.h"
#include "suites.h"

struct blocked {
	pid_t	pid;
	int	semid;
};

/*
 * Queued on the semaphore (GETNCNT), state S, and off the CPU: a task
 * that has set S but not yet scheduled out shows an empty wchan.
 */
static bool
asleep_on_sem(void *arg)
{
	struct blocked		*b = arg;
	struct proc_status	 ps;

	return (semctl(b->semid, 0, GETNCNT) == 1 && procfs_asleep(b->pid) &&
	    procfs_status(b->pid, &ps) == 0 && ps.wchan[0] != '\0');
}

START_TEST(child_blocked_in_semop)
{
	struct sembuf		 op = { .sem_num = 0, .sem_op = -1 };
	struct proc_status	 ps;
	struct blocked		 b;
	int			 status;

	b.semid = semget(IPC_PRIVATE, 1, IPC_CREAT | IPC_EXCL | 0600);
	ck_assert_int_ge(b.semid, 0);
	unit_track('s', b.semid);
	if ((b.pid = fork()) == 0) {
		semop(b.semid, &op, 1);	/* value 0: sleeps until killed */
		_exit(0);
	}
	ck_assert_int_gt(b.pid, 0);
	/* GETNCNT says it is in the queue; /proc says it is asleep. */
	ck_assert_msg(unit_poll(asleep_on_sem, &b, 3000),
	    "the child never slept in semop");

	ck_assert_int_eq(procfs_status(b.pid, &ps), 0);
	ck_assert_int_eq(ps.state, 'S');
	ck_assert_msg(strstr(ps.wchan, "semtimedop") != NULL,
	    "wchan is '%s'", ps.wchan);
#ifdef SYS_semop
	ck_assert_msg(ps.syscall == SYS_semtimedop || ps.syscall == SYS_semop,
	    "syscall %ld", ps.syscall);
#else
	ck_assert_int_eq(ps.syscall, SYS_semtimedop);
#endif
	ck_assert_uint_gt(ps.starttime, 0);
	ck_assert_uint_eq(procfs_starttime(b.pid), ps.starttime);

	kill(b.pid, SIGKILL);
	ck_assert_int_eq(waitpid(b.pid, &status, 0), b.pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	ck_assert_int_eq(unit_rmid('s', b.semid), 0);
}
END_TEST

static bool
is_zombie(void *arg)
{
	struct proc_status	ps;

	return (procfs_status(*(pid_t *)arg, &ps) == 0 && ps.state == 'Z');
}

START_TEST(dead_pid)
{
	struct proc_status	ps;
	pid_t			pid;

	if ((pid = fork()) == 0)
		_exit(0);
	ck_assert_int_gt(pid, 0);
	/* Exited, not reaped: a zombie, with no wait channel. */
	ck_assert(unit_poll(is_zombie, &pid, 3000));
	ck_assert_int_eq(procfs_status(pid, &ps), 0);
	ck_assert_str_eq(ps.wchan, "");
	ck_assert(!procfs_asleep(pid));

	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	ck_assert_int_eq(procfs_status(pid, &ps), -1);
	ck_assert_int_eq(ps.state, '-');
	ck_assert_int_eq(ps.syscall, -1);
	ck_assert_str_eq(ps.wchan, "");
	ck_assert(!procfs_asleep(pid));
	ck_assert_uint_eq(procfs_starttime(pid), 0);
	ck_assert(!procfs_maps_has(pid, "/"));
}
END_TEST

START_TEST(self_running)
{
	struct proc_status	ps;
	struct stat		st;

	ck_assert_int_eq(procfs_status(getpid(), &ps), 0);
	ck_assert_int_eq(ps.state, 'R');
	/* Reading its own /proc/PID/syscall (a kept descriptor, pread), it
	 * is caught in that pread. */
	ck_assert_int_eq(ps.syscall, SYS_pread64);
	ck_assert_uint_gt(ps.starttime, 0);
	ck_assert_int_eq(stat("/proc/self/ns/ipc", &st), 0);
	ck_assert_uint_eq(procfs_ipc_ns(), st.st_ino);
}
END_TEST

START_TEST(maps_names_a_sysv_segment)
{
	char	needle[32];
	key_t	key;
	void	*p;
	int	id;

	/* The key of an attached segment shows as /SYSV%08x in maps. */
	key = (key_t)(0x1ca00000 | (getpid() & 0xfffff));
	id = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	ck_assert_msg(id >= 0, "shmget: %s", strerror(errno));
	unit_track('m', id);
	snprintf(needle, sizeof(needle), "/SYSV%08x", (unsigned)key);
	ck_assert(!procfs_maps_has(getpid(), needle));
	p = shmat(id, NULL, SHM_RDONLY);
	ck_assert(p != (void *)-1);
	ck_assert(procfs_maps_has(getpid(), needle));
	shmdt(p);
	ck_assert(!procfs_maps_has(getpid(), needle));
	ck_assert_int_eq(unit_rmid('m', id), 0);
}
END_TEST

Suite *
suite_procfs(void)
{
	Suite	*s = suite_create("procfs");
	TCase	*tc = tcase_create("proc");

	tcase_add_test(tc, child_blocked_in_semop);
	tcase_add_test(tc, dead_pid);
	tcase_add_test(tc, self_running);
	tcase_add_test(tc, maps_names_a_sysv_segment);
	suite_add_tcase(s, tc);
	return (s);
}
