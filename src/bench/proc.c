/* The bench's processes: fork, pin, wait, reap; its clock and sleep. */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_int.h"

volatile sig_atomic_t	bench_interrupted;

double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

int
bench_sleep(double seconds)
{
	double		end = bench_now() + seconds, left;
	struct timespec	ts;

	/* Ctrl-C interrupts nanosleep (no SA_RESTART): checked each time. */
	while (!bench_interrupted && (left = end - bench_now()) > 0) {
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
	}
	return (bench_interrupted ? -1 : 0);
}

struct shared *
shared_map(void)
{
	void	*p;

	p = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return (p == MAP_FAILED ? NULL : p);
}

void
shared_unmap(struct shared *sh)
{
	if (sh != NULL)
		munmap(sh, sizeof(*sh));
}

void
bench_cpus(bool pin, int cpu[2], int *ncpus)
{
	cpu_set_t	set;
	int		i, n = 0;

	*ncpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	cpu[0] = cpu[1] = -1;
	if (!pin || sched_getaffinity(0, sizeof(set), &set) == -1)
		return;
	/* The first two CPUs we may run on; one CPU: both on it. */
	for (i = 0; i < CPU_SETSIZE && n < 2; i++)
		if (CPU_ISSET(i, &set))
			cpu[n++] = i;
	if (n == 1)
		cpu[1] = cpu[0];
}

pid_t
bench_fork(void (*fn)(void *), void *arg, int cpu)
{
	struct sigaction	sa;
	cpu_set_t		set;
	sigset_t		all, old;
	pid_t			pid, parent = getpid();

	/* No Ctrl-C between fork and SIG_IGN: the terminal's signals are
	 * the parent's to handle, and it reaps us. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if ((pid = fork()) != 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return (pid);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		_exit(1);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	fn(arg);
	_exit(0);
}

void
bench_reap(pid_t *pids, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGKILL);
	for (i = 0; i < n; i++) {
		if (pids[i] > 0)
			while (waitpid(pids[i], NULL, 0) == -1 && errno == EINTR)
				continue;
		pids[i] = -1;
	}
}

/* Has one of them exited (it failed to set up, or finished)? */
static bool
any_exited(pid_t *pids, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0 && waitpid(pids[i], NULL, WNOHANG) == pids[i]) {
			pids[i] = -1;
			return (true);
		}
	return (false);
}

int
bench_wait_ready(struct shared *sh, int n, pid_t *pids, int npids)
{
	double	end = bench_now() + 5;

	while (sh->ready < n) {
		if (bench_interrupted || any_exited(pids, npids) ||
		    bench_now() > end)
			return (-1);
		usleep(200);
	}
	return (0);
}
