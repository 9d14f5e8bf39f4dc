/* Signals as a file descriptor, so the loops see them in poll(). */
#include <sys/signalfd.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "ipcscope/sig.h"

static void
loop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGCHLD);
}

int
sig_open(void)
{
	sigset_t	set;
	int		fd;

	loop_signals(&set);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1)
		err(2, "sigprocmask");
	if ((fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) == -1)
		err(2, "signalfd");
	return (fd);
}

int
sig_read(int fd)
{
	struct signalfd_siginfo	si;
	ssize_t			n;

	do
		n = read(fd, &si, sizeof(si));
	while (n == -1 && errno == EINTR);
	if (n != (ssize_t)sizeof(si))
		return (0);
	return ((int)si.ssi_signo);
}

void
sig_unblock_all(void)
{
	sigset_t	set;

	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}
