/* step's test program: a queue of its own, then a msgrcv that nobody
 * answers: asleep in the kernel until it is killed. */
#include <sys/ipc.h>
#include <sys/msg.h>

int
main(void)
{
	struct {
		long	 mtype;
		char	 mtext[8];
	}	m;
	int	id;

	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600); /* LINE:msgget */
	msgrcv(id, &m, sizeof(m.mtext), 0, 0); /* LINE:msgrcv */
	return (0);
}
