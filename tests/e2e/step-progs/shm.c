/*
 * step's test program: the shared-memory lifecycle, one call per line
 * (the LINE: marks tell the test where each call is).
 */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stdio.h>
#include <string.h>

int
main(void)
{
	char	*p;
	int	 id;

	id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | IPC_EXCL | 0600); /* LINE:shmget */
	if (id == -1)
		return (1);
	p = shmat(id, NULL, 0); /* LINE:shmat */
	if (p == (void *)-1)
		return (1);
	strcpy(p, "hello");
	shmctl(id, IPC_RMID, NULL); /* LINE:shmctl */
	shmdt(p); /* LINE:shmdt */
	printf("done\n");
	return (0);
}
