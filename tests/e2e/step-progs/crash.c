/* step's test program: one IPC call, then a crash (SIGSEGV). */
#include <sys/ipc.h>
#include <sys/msg.h>

#include <stddef.h>

int
main(void)
{
	volatile int	*p = 0;
	int		 id;

	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	msgctl(id, IPC_RMID, NULL);
	return (*p);
}
