/*
 * step's test program: a msgrcv that a signal interrupts (its handler
 * makes a call of its own first), so that it fails with EINTR, then a
 * msgrcv that a child's msgsnd answers.
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

static void
ring(int sig)
{
	(void)sig;
	write(1, "alarm\n", 6);
}

int
main(void)
{
	struct sigaction sa;
	struct {
		long	 mtype;
		char	 mtext[8];
	}		 m = { 1, "late" };
	int		 id;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ring;	/* no SA_RESTART: msgrcv never restarts */
	sigaction(SIGALRM, &sa, NULL);
	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (fork() == 0) {
		usleep(1000000);
		msgsnd(id, &m, 4, 0);
		_exit(0);
	}
	ualarm(200000, 0);
	msgrcv(id, &m, sizeof(m.mtext), 0, 0); /* LINE:eintr */
	msgrcv(id, &m, sizeof(m.mtext), 0, 0); /* LINE:late */
	msgctl(id, IPC_RMID, NULL);
	wait(NULL);
	return (0);
}
