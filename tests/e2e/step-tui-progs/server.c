/*
 * The step-tui story's server, in the lecture notes' style: a segment
 * made by ftok's key, a greeting written into it, a wait until the
 * client has read it, then detach and destroy. The story finds the lines
 * of the calls by their "@" comments.
 */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	key_t	 key;
	int	 id;
	char	*seg;

	if ((key = ftok(".", 'S')) == -1) {			/* @server-ftok */
		perror("ftok");
		return (1);
	}
	if ((id = shmget(key, 4096, IPC_CREAT | 0600)) == -1) {	/* @server-shmget */
		perror("shmget");
		return (1);
	}
	if ((seg = shmat(id, NULL, 0)) == (void *)-1) {		/* @server-shmat */
		perror("shmat");
		shmctl(id, IPC_RMID, NULL);
		return (1);
	}
	strcpy(seg + 1, "hello from the server");
	printf("server: wrote into %d\n", id);
	fflush(stdout);
	/* The client marks the first byte once it has read. */
	while (seg[0] != 'R')
		usleep(10000);
	if (shmdt(seg) == -1)					/* @server-shmdt */
		perror("shmdt");
	if (shmctl(id, IPC_RMID, NULL) == -1) {			/* @server-rmid */
		perror("shmctl");
		return (1);
	}
	printf("server: removed %d\n", id);
	return (0);
}
