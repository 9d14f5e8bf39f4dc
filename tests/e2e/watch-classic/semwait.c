/* Waits for semaphore 0 of a set to rise: semop(-1), asleep until then. */
#include <sys/ipc.h>
#include <sys/sem.h>

#include <stdio.h>
#include <stdlib.h>

int
main(int argc, char *argv[])
{
	struct sembuf	op = { 0, -1, 0 };
	int		semid;

	if (argc != 2)
		exit(1);
	semid = atoi(argv[1]);
	printf("waiting on semid %d\n", semid);
	fflush(stdout);
	if (semop(semid, &op, 1) == -1) {
		perror("semop");
		exit(1);
	}
	printf("got it\n");
	return (0);
}
