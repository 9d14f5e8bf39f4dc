/* step's test program: one segment attached twice, detached twice, then
 * removed: nattch 0 1 2 1 0. */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stddef.h>

int
main(void)
{
	char	*p, *q;
	int	 id;

	id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	p = shmat(id, NULL, 0);
	q = shmat(id, NULL, SHM_RDONLY);
	shmdt(p);
	shmdt(q);
	shmctl(id, IPC_RMID, NULL);
	return (0);
}
