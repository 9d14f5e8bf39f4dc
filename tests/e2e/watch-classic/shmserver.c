/* The server: creates a segment under ftok(path, 'R') and writes the alphabet. */
#include <sys/ipc.h>
#include <sys/shm.h>

#include <stdio.h>
#include <stdlib.h>

#define SHMSZ	27

int
main(int argc, char *argv[])
{
	char	 cmd[16], *shm = NULL, c;
	key_t	 key;
	int	 shmid;

	if (argc != 2 || (key = ftok(argv[1], 'R')) == -1) {
		perror("ftok");
		exit(1);
	}
	if ((shmid = shmget(key, SHMSZ, IPC_CREAT | 0600)) < 0) {
		perror("shmget");
		exit(1);
	}
	printf("created key 0x%08x shmid %d\n", (unsigned)key, shmid);
	fflush(stdout);
	while (fgets(cmd, sizeof(cmd), stdin) != NULL) {
		switch (cmd[0]) {
		case 'a':	/* attach and write the alphabet */
			if ((shm = shmat(shmid, NULL, 0)) == (char *)-1) {
				perror("shmat");
				exit(1);
			}
			for (c = 'a'; c <= 'z'; c++)
				shm[c - 'a'] = c;
			shm[26] = '\0';
			printf("attached, wrote %s\n", shm);
			break;
		case 'd':
			shmdt(shm);
			printf("detached\n");
			break;
		case 'r':
			shmctl(shmid, IPC_RMID, NULL);
			printf("removed\n");
			break;
		}
		fflush(stdout);
	}
	return (0);
}
