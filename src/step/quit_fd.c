/*
 * The signals that end a step or a lesson, as a descriptor: the faces'
 * loops poll it beside the tracer's, and answer between two steps.
 */
#include <sys/signalfd.h>

#include <signal.h>
#include <unistd.h>

#include "ipcscope/trace.h"

int
trace_quit_fd(void)
{
	sigset_t	set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return (signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
}

int
trace_quit_signal(int fd)
{
	struct signalfd_siginfo	si;

	if (fd != -1 && read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		return ((int)si.ssi_signo);
	return (0);
}
