/* The client: attaches the server's segment by the same key and reads it. */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stdio.h>
#include <stdlib.h>

#define SHMSZ	27

int
main(int argc, char *argv[])
{
	char	 cmd[16], *shm = NULL;
	key_t	 key;
	int	 shmid;

	if (argc != 2 || (key = ftok(argv[1], 'R')) == -1) {
		perror("ftok");
		exit(1);
	}
	if ((shmid = shmget(key, SHMSZ, 0600)) < 0) {
		perror("shmget");
		exit(1);
	}
	printf("found shmid %d\n", shmid);
	fflush(stdout);
	while (fgets(cmd, sizeof(cmd), stdin) != NULL) {
		switch (cmd[0]) {
		case 'a':	/* attach and read */
			if ((shm = shmat(shmid, NULL, 0)) == (char *)-1) {
				perror("shmat");
				exit(1);
			}
			printf("attached, read %s\n", shm);
			break;
		case 'd':
			shmdt(shm);
			printf("detached\n");
			break;
		}
		fflush(stdout);
	}
	return (0);
}
