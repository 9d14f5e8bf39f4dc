/*
 * The step-tui story's client: finds the server's segment by the same
 * ftok key, reads the greeting, marks it read, detaches. It never
 * removes the segment: that is the server's (the story checks nothing
 * is left once both have run to their end).
 */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stdio.h>
#include <unistd.h>

int
main(void)
{
	key_t	 key;
	int	 id;
	char	*seg;

	if ((key = ftok(".", 'S')) == -1) {			/* @client-ftok */
		perror("ftok");
		return (1);
	}
	if ((id = shmget(key, 0, 0)) == -1) {			/* @client-shmget */
		perror("shmget");
		return (1);
	}
	if ((seg = shmat(id, NULL, 0)) == (void *)-1) {		/* @client-shmat */
		perror("shmat");
		return (1);
	}
	printf("client: read \"%s\"\n", seg + 1);
	fflush(stdout);
	seg[0] = 'R';
	if (shmdt(seg) == -1) {					/* @client-shmdt */
		perror("shmdt");
		return (1);
	}
	return (0);
}
