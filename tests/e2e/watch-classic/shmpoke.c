/* The poker: attaches segment SHMID, writes TEXT at OFFSET, detaches. */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char *argv[])
{
	struct shmid_ds	ds;
	char		*shm;
	size_t		 off, n;
	int		 shmid;

	if (argc != 4) {
		fprintf(stderr, "usage: shmpoke SHMID OFFSET TEXT\n");
		exit(2);
	}
	shmid = atoi(argv[1]);
	off = (size_t)atol(argv[2]);
	n = strlen(argv[3]);
	if (shmctl(shmid, IPC_STAT, &ds) == -1 || off + n > ds.shm_segsz) {
		fprintf(stderr, "shmpoke: no room for %zu bytes at %zu\n", n, off);
		exit(1);
	}
	if ((shm = shmat(shmid, NULL, 0)) == (void *)-1) {
		perror("shmat");
		exit(1);
	}
	memcpy(shm + off, argv[3], n);
	shmdt(shm);
	printf("wrote %zu bytes at %zu\n", n, off);
	return (0);
}
