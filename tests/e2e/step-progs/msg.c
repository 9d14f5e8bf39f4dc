/* step's test program: a message queue, one message sent and received. */
#include <sys/ipc.h>
#include <sys/msg.h>

#include <stdio.h>
#include <string.h>

struct msg {
	long	 mtype;
	char	 mtext[32];
};

int
main(void)
{
	struct msg	 m = { 2, "ping" }, r;
	int		 id;

	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600); /* LINE:msgget */
	if (id == -1)
		return (1);
	msgsnd(id, &m, strlen(m.mtext), 0); /* LINE:msgsnd */
	msgrcv(id, &r, sizeof(r.mtext), 0, MSG_NOERROR); /* LINE:msgrcv */
	msgctl(id, IPC_RMID, NULL); /* LINE:msgctl */
	return (0);
}
